using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway.Retention;

/// <summary>
/// One purge pass over every registered <see cref="IRetentionTarget"/>: batch after batch (each its own short write,
/// so the stream reader and the replies keep writing between them) until a batch comes back short. A failing target
/// is logged and skipped; the others still run. Logs one information line per pass with the counts.
/// </summary>
internal sealed partial class RetentionPass(
    IEnumerable<IRetentionTarget> targets, RetentionPolicy policy, RetentionMetrics metrics, TimeProvider time, ILogger<RetentionPass> logger)
{
    private readonly IReadOnlyList<IRetentionTarget> _targets = [.. targets];

    /// <summary>Runs the pass at the current time; returns the items purged per target name.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var target in _targets)
        {
            counts[target.Name] = await PurgeAsync(target, now, cancellationToken);
        }

        var total = counts.Values.Sum();
        var summary = string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}"));
        LogPass(logger, total, summary);
        return counts;
    }

    private async Task<int> PurgeAsync(IRetentionTarget target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var total = 0;
        try
        {
            int batch;
            do
            {
                batch = await target.PurgeBatchAsync(now, policy.BatchSize, cancellationToken);
                total += batch;
                metrics.Purged(target.Name, batch);

                // Let writers waiting for the database lock in before the next batch.
                await Task.Yield();
            }
            while (batch >= policy.BatchSize);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogTargetFailed(logger, ex, target.Name);
        }

        return total;
    }
}
