namespace DingGate.Core.Cluster;

/// <summary>
/// One replica's heartbeat row: who it is, since when it runs, its accounts' stream links and how many turns it runs.
/// Live while <see cref="ExpiresAt"/> (its last heartbeat plus its lease) is in the future.
/// </summary>
public sealed record ReplicaRecord
{
    /// <summary>The replica id (<see cref="ReplicaIdentity.Id"/>).</summary>
    public required string Id { get; init; }

    /// <summary>The machine's name.</summary>
    public required string Host { get; init; }

    /// <summary>The process id on <see cref="Host"/>.</summary>
    public required int Pid { get; init; }

    /// <summary>The DingGate version the replica runs.</summary>
    public required string Version { get; init; }

    /// <summary>When the replica started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it wrote this row.</summary>
    public required DateTimeOffset HeartbeatAt { get; init; }

    /// <summary>Until when the row counts as live without another heartbeat (heartbeat + lease).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Its enabled accounts and the state of each one's Stream link.</summary>
    public required IReadOnlyList<ReplicaAccount> Accounts { get; init; }

    /// <summary>Agent turns running on it when it wrote the row.</summary>
    public required int TurnsRunning { get; init; }

    /// <summary>The writing process's <see cref="ReplicaIdentity.Nonce"/> (empty in rows written before it existed).</summary>
    public string Nonce { get; init; } = string.Empty;

    /// <summary>Compares the accounts by content (records compare lists by reference).</summary>
    public bool Equals(ReplicaRecord? other) =>
        other is not null && Id == other.Id && Host == other.Host && Pid == other.Pid && Version == other.Version
        && StartedAt == other.StartedAt && HeartbeatAt == other.HeartbeatAt && ExpiresAt == other.ExpiresAt
        && TurnsRunning == other.TurnsRunning && Nonce == other.Nonce && Accounts.SequenceEqual(other.Accounts);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, HeartbeatAt, TurnsRunning, Accounts.Count);
}
