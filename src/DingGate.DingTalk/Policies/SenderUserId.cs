using DingGate.Core.Inbound;

namespace DingGate.DingTalk.Policies;

/// <summary>
/// The id under which a sender is allowed, approved and paired: the staff id (what an owner sees in the admin
/// console), or the encrypted sender id for external users who have none.
/// </summary>
internal static class SenderUserId
{
    public static string Of(InboundSender sender) => string.IsNullOrWhiteSpace(sender.StaffId) ? sender.Id : sender.StaffId;
}
