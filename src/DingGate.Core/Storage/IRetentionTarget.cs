namespace DingGate.Core.Storage;

/// <summary>
/// Something the retention service purges on its schedule (journal, dedup marks, session history, media, outbox…).
/// Each store that keeps data forever otherwise registers one (as <c>IRetentionTarget</c>, a DI singleton); the
/// service calls every registered target once per pass, batch after batch, until a batch comes back short.
/// </summary>
public interface IRetentionTarget
{
    /// <summary>Short name for logs and the <c>target</c> tag of the purge metric (e.g. <c>journal</c>, <c>outbox</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Deletes at most <paramref name="batchSize"/> items that are past retention at <paramref name="now"/>, in one short
    /// write (no long lock), and returns how many. Fewer than <paramref name="batchSize"/> means nothing more is due.
    /// </summary>
    Task<int> PurgeBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken);
}
