using DingGate.Core.Configuration;
using DingGate.Core.Storage;

namespace DingGate.Cli.Gateway.Retention;

/// <summary>Finished journal entries (Answered/Failed) older than <c>storage.retention.journal</c>; unfinished ones stay.</summary>
internal sealed class JournalRetentionTarget(IInboundJournal journal, RetentionPolicy policy) : IRetentionTarget
{
    public string Name => "journal";

    public Task<int> PurgeBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        journal.PurgeFinishedAsync(now - policy.Journal, batchSize, cancellationToken);
}
