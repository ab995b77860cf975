namespace DingGate.DingTalk.Cluster;

/// <summary>
/// A clustered replica found, just before a reply part went on the wire, that it no longer holds the reply outbox entry
/// or the message (another replica took it over while this one stalled): nothing was sent, the entry is the new
/// owner's. The reply is abandoned without any further DingTalk call and without touching the journal.
/// </summary>
internal sealed class ReplyLeaseLostException(long? outboxId)
    : Exception(outboxId is { } id ? $"reply outbox #{id}: another replica holds this reply now; not sent here" : "another replica holds this message now; its answer is not written here")
{
    /// <summary>The entry whose part was refused; null when the answer was refused before it was written.</summary>
    public long? OutboxId { get; } = outboxId;
}
