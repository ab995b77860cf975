namespace DingGate.Emulator.Stream;

/// <summary>
/// Result of a push. <see cref="Delivered"/> is false when no live, subscribed connection existed at push time (the
/// push then stays pending for the redelivery window). <see cref="Ack"/> completes with the first accepted ACK, or
/// with null once every attempt (or the card window) has passed without one.
/// </summary>
internal sealed class PushHandle
{
    public required string MessageId { get; init; }

    public required bool Delivered { get; init; }

    /// <summary>Connection the first attempt went to, when delivered.</summary>
    public string? ConnectionId { get; init; }

    public required Task<PushAck?> Ack { get; init; }

    /// <summary>The <c>eventId</c> header of an EVENT push; null for callbacks.</summary>
    public string? EventId { get; init; }
}
