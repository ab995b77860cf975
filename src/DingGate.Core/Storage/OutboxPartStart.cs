namespace DingGate.Core.Storage;

/// <summary>What <see cref="IReplyOutbox.BeginLeasedPartAsync"/> found: the part may go on the wire, or must not.</summary>
public enum OutboxPartStart
{
    /// <summary>The part is marked in flight: send it.</summary>
    Begun,

    /// <summary>The entry is gone, delivered or dropped by the operator: nothing is sent.</summary>
    Gone,

    /// <summary>
    /// The caller no longer holds the entry (its lease ran out or another replica holds it, or another replica took over
    /// the message's journal entry): nothing is sent, the entry is left to its new owner.
    /// </summary>
    LeaseLost,
}
