namespace DingGate.Emulator.Recording;

/// <summary>One WebSocket text frame as sent or received, with the connection it belongs to.</summary>
internal sealed record RecordedFrame(long Sequence, DateTimeOffset At, string ConnectionId, string ClientId, FrameDirection Direction, string Text);
