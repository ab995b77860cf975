using DingGate.Core.Cluster;

namespace DingGate.Storage.Sqlite;

// ReplicaRecord to and from its replicas row: instants as epoch milliseconds, accounts as JSON text.
internal static class ReplicaRows
{
    public static object Parameters(ReplicaRecord replica) => new
    {
        replica.Id,
        replica.Host,
        replica.Pid,
        replica.Version,
        StartedAt = replica.StartedAt.ToUnixTimeMilliseconds(),
        HeartbeatAt = replica.HeartbeatAt.ToUnixTimeMilliseconds(),
        ExpiresAt = replica.ExpiresAt.ToUnixTimeMilliseconds(),
        Accounts = ReplicaAccountsText.Write(replica.Accounts),
        replica.TurnsRunning,
        replica.Nonce,
    };

    public static ReplicaRecord ToRecord(ReplicaRow row) => new()
    {
        Id = row.Id,
        Host = row.Host,
        Pid = (int)row.Pid,
        Version = row.Version,
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.StartedAt),
        HeartbeatAt = DateTimeOffset.FromUnixTimeMilliseconds(row.HeartbeatAt),
        ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAt),
        Accounts = ReplicaAccountsText.Read(row.Accounts),
        TurnsRunning = (int)row.TurnsRunning,
        Nonce = row.Nonce,
    };
}
