namespace DingGate.Storage.Sqlite;

// One replicas row as Dapper reads it (columns aliased to these names).
internal sealed class ReplicaRow
{
    public string Id { get; init; } = string.Empty;

    public string Host { get; init; } = string.Empty;

    public long Pid { get; init; }

    public string Version { get; init; } = string.Empty;

    public long StartedAt { get; init; }

    public long HeartbeatAt { get; init; }

    public long ExpiresAt { get; init; }

    public string Accounts { get; init; } = "[]";

    public long TurnsRunning { get; init; }

    public string Nonce { get; init; } = string.Empty;
}
