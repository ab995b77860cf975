namespace DingGate.Emulator.Stream;

/// <summary>The client's answer to a pushed frame: its <c>code</c>, <c>message</c>, raw <c>data</c> string and latency.</summary>
internal sealed record PushAck(int Code, string? Message, string? Data, DateTimeOffset At, TimeSpan Latency);
