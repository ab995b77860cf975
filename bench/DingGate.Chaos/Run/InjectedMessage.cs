namespace DingGate.Chaos.Run;

/// <summary>One message a user sent during the burst: its token (echoed by the model), where it went, what DingTalk said.</summary>
internal sealed record InjectedMessage(
    string Token, string ClientId, string UserId, string ConversationId, bool Group, string? MsgId, string? PushId, bool Delivered);
