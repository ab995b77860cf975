namespace DingGate.Core.Storage;

/// <summary>Life of a reply in the outbox (see <see cref="IReplyOutbox"/>).</summary>
public enum OutboxState
{
    /// <summary>Written before the first part is sent; parts are being sent now (inline or by the worker).</summary>
    Sending,

    /// <summary>Not (completely) delivered; the delivery worker tries again at <see cref="OutboxEntry.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>Every part was accepted by DingTalk.</summary>
    Delivered,

    /// <summary>DingTalk refused it for good (or the attempts ran out); <see cref="OutboxEntry.LastError"/> says why.</summary>
    Failed,

    /// <summary>
    /// A part may or may not have reached the user (timeout after sending, 500/502/504, a crash during the call): not
    /// sent again automatically, so it is never doubled silently; the operator retries or drops it.
    /// </summary>
    Ambiguous,

    /// <summary>The operator dropped it (<c>dinggate outbox drop</c>).</summary>
    Dropped,
}
