namespace DingGate.Bench.Traffic;

/// <summary>What a pushed bot message names: the DingTalk msgId, its session-webhook id, the app and the sender's staff id.</summary>
internal sealed record PushedMessage(string MsgId, string? Session, string? ClientId, string? StaffId);
