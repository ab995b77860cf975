namespace DingGate.Emulator.Stream;

/// <summary>An EVENT whose attempts all passed without a successful ACK (the "failed events" list, spec §1.10).</summary>
internal sealed record FailedEvent(
    string MessageId, string? EventId, string? EventType, string ClientId, int Attempts, PushAck? LastAck, DateTimeOffset FailedAt);
