using DingGate.Core.Configuration;
using DingGate.Core.Storage;

namespace DingGate.Cli.Gateway.Retention;

/// <summary>Delivered and dropped outbox entries older than <c>storage.retention.outbox</c>; undelivered ones stay.</summary>
internal sealed class OutboxRetentionTarget(IReplyOutbox outbox, RetentionPolicy policy) : IRetentionTarget
{
    public string Name => "outbox";

    public Task<int> PurgeBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        outbox.PurgeAsync(now - policy.Outbox, batchSize, cancellationToken);
}
