namespace DingGate.Core.Cluster;

/// <summary>
/// The heartbeat rows of the gateway replicas sharing one state database: each replica writes its own row every third
/// of its lease (<c>ReplicaHeartbeat</c>), removes it when it stops cleanly, and <c>/status</c> lists the rows still
/// within their lease. A replica that died leaves a row that stops being live when its lease runs out and is purged later.
/// </summary>
public interface IReplicaRegistry
{
    /// <summary>
    /// Writes <paramref name="replica"/>'s row (inserted, or replacing the row of the same id); returns the nonce the row
    /// had before (null when there was none), read in the same write: another nonce means another process writes this id.
    /// </summary>
    Task<string?> UpsertAsync(ReplicaRecord replica, CancellationToken cancellationToken);

    /// <summary>The rows whose lease runs past <paramref name="now"/> (<see cref="ReplicaRecord.ExpiresAt"/> &gt; now), by id.</summary>
    Task<IReadOnlyList<ReplicaRecord>> ListLiveAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes the row of <paramref name="replicaId"/> (a clean stop); an unknown id is a no-op.</summary>
    Task RemoveAsync(string replicaId, CancellationToken cancellationToken);

    /// <summary>Removes the rows whose lease ran out at or before <paramref name="expiredBefore"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken);
}
