namespace DingGate.Bench.Rig;

/// <summary>What the emulator answered to an injected user message: the ids that tie the wire traffic to it.</summary>
internal sealed record InjectedMessage(string MsgId, string FrameMessageId, string Session, bool Delivered);
