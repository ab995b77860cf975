namespace DingGate.Emulator.Replies;

/// <summary>A session webhook handed out with an inbound message: where replies to it land and until when.</summary>
internal sealed record SessionWebhook(
    string Session,
    string RobotCode,
    string ConversationId,
    string ConversationType,
    string SenderUserId,
    DateTimeOffset ExpiresAt);
