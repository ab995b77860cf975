using DingGate.Core.Inbound;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// Where a card goes (spec §6.1): <c>dtv1.card//IM_ROBOT.&lt;staffId&gt;</c> for a 1:1 chat, <c>dtv1.card//IM_GROUP.&lt;cid&gt;</c>
/// for a group (with the sender @-mentioned). Null from <see cref="For"/> when the sender has no staff id (external
/// users cannot get an IM_ROBOT card).
/// </summary>
internal sealed record CardTarget(bool IsGroup, string SpaceId, string? AtUserId, string? AtUserName)
{
    public string OpenSpaceId => (IsGroup ? "dtv1.card//IM_GROUP." : "dtv1.card//IM_ROBOT.") + SpaceId;

    public static CardTarget? For(InboundMessage message) => message.Conversation switch
    {
        ConversationKind.Group => new CardTarget(true, message.ConversationId, message.Sender.StaffId, message.Sender.Nick),
        _ when message.Sender.StaffId is { Length: > 0 } staff => new CardTarget(false, staff, null, null),
        _ => null,
    };
}
