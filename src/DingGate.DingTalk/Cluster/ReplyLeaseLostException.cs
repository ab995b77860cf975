namespace DingGate.DingTalk.Cluster;

/// <summary>
/// A clustered replica found, just before a reply part went on the wire, that it no longer holds the reply outbox entry
/// or the message (another replica took it over while this one stalled): nothing was sent, the entry is the new
/// owner's. The reply is abandoned without any further DingTalk call and without touching the journal.
/// </summary>
internal sealed class ReplyLeaseLostException(long outboxId)
    : Exception($"reply outbox #{outboxId}: another replica holds this reply now; not sent here")
{
    public long OutboxId { get; } = outboxId;
}
