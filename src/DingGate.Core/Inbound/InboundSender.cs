namespace DingGate.Core.Inbound;

/// <summary>Who sent a message. <see cref="StaffId"/> is absent for external users.</summary>
/// <param name="Id">Channel-scoped stable sender id (DingTalk: the encrypted senderId).</param>
/// <param name="StaffId">The user id in the bot's organisation (DingTalk senderStaffId), used for allowlists and 1:1 sends.</param>
/// <param name="Nick">Display name.</param>
/// <param name="CorpId">Sender's organisation, when given.</param>
/// <param name="IsAdmin">Whether the sender administers the organisation.</param>
public sealed record InboundSender(string Id, string? StaffId, string Nick, string? CorpId, bool IsAdmin);
