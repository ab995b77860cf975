using DingGate.Core.Configuration;
using DingGate.Core.Sessions;
using DingGate.Core.Storage;

namespace DingGate.Cli.Gateway.Retention;

/// <summary>Session history messages written more than <c>storage.retention.sessionHistory</c> ago, in every session.</summary>
internal sealed class SessionHistoryRetentionTarget(ISessionStore sessions, RetentionPolicy policy) : IRetentionTarget
{
    public string Name => "sessionHistory";

    public Task<int> PurgeBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        sessions.PurgeOlderThanAsync(now - policy.SessionHistory, batchSize, cancellationToken);
}
