namespace DingGate.Bench.Traffic;

/// <summary>A Stream frame the emulator recorded: a CALLBACK it pushed, or a client frame (ACK) naming a messageId.</summary>
internal sealed record WireFrame(DateTimeOffset At, bool Pushed, string MessageId);
