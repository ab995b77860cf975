namespace DingGate.Bench.Traffic;

/// <summary>
/// A Stream frame the emulator recorded: a CALLBACK it pushed, or a client frame (ACK) naming a messageId. A pushed
/// CALLBACK also carries what its data names (<see cref="Push"/>), so replies can be tied to it as they happen.
/// </summary>
internal sealed record WireFrame(DateTimeOffset At, bool Pushed, string MessageId, PushedMessage? Push = null);
