using DingGate.Core.Storage;

namespace DingGate.Cli.Gateway.Retention;

/// <summary>Dedup marks past their own expiry (<c>dedupTtlMs</c> of the account that set them).</summary>
internal sealed class DedupRetentionTarget(IDedupStore dedup) : IRetentionTarget
{
    public string Name => "dedup";

    public Task<int> PurgeBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        dedup.PurgeExpiredAsync(now, batchSize, cancellationToken);
}
