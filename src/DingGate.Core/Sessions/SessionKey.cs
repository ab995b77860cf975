using DingGate.Core.Inbound;

namespace DingGate.Core.Sessions;

/// <summary>
/// Identifies one conversation with the agent: per account, a DM peer (<c>dm:&lt;senderId&gt;</c>) or a group
/// (<c>group:&lt;cid&gt;</c>, or <c>group:&lt;cid&gt;:&lt;senderId&gt;</c> when each member has their own session).
/// </summary>
/// <param name="AccountId">The channel account.</param>
/// <param name="Scope">The conversation part (see above).</param>
public sealed record SessionKey(string AccountId, string Scope)
{
    /// <summary>The session of <paramref name="message"/>.</summary>
    public static SessionKey For(InboundMessage message, SessionScope scope)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Conversation == ConversationKind.Group
            ? new SessionKey(message.AccountId, scope == SessionScope.PerUserInGroup
                ? $"group:{message.ConversationId}:{message.Sender.Id}"
                : $"group:{message.ConversationId}")
            : new SessionKey(message.AccountId, "dm:" + message.Sender.Id);
    }

    /// <inheritdoc/>
    public override string ToString() => AccountId + "/" + Scope;
}
