using Dapper;
using DingGate.Core.Cluster;

namespace DingGate.Storage.Sqlite;

// IReplicaRegistry over replicas. One writer item per method. With SQLite one process owns the file, so the
// table holds this replica's row and rows its earlier runs left when they did not stop cleanly (until they expire).
internal sealed class SqliteReplicaRegistry(SqliteDatabase database) : IReplicaRegistry
{
    private const string Columns =
        """
        id AS Id, host AS Host, pid AS Pid, version AS Version, started_at AS StartedAt, heartbeat_at AS HeartbeatAt,
        expires_at AS ExpiresAt, accounts AS Accounts, turns_running AS TurnsRunning, nonce AS Nonce
        """;

    // The previous nonce and the write in one transaction (the row locked on PostgreSQL): two processes writing one id
    // each see the other's nonce.
    public async Task<string?> UpsertAsync(ReplicaRecord replica, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replica);
        return await database.WriteAsync(
            async (connection, ct) =>
            {
                var previous = await connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
                    "SELECT nonce FROM replicas WHERE id = @Id;", new { replica.Id }, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO replicas (id, host, pid, version, started_at, heartbeat_at, expires_at, accounts, turns_running, nonce)
                    VALUES (@Id, @Host, @Pid, @Version, @StartedAt, @HeartbeatAt, @ExpiresAt, @Accounts, @TurnsRunning, @Nonce)
                    ON CONFLICT (id) DO UPDATE SET
                        host = excluded.host, pid = excluded.pid, version = excluded.version, started_at = excluded.started_at,
                        heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at, accounts = excluded.accounts,
                        turns_running = excluded.turns_running, nonce = excluded.nonce;
                    """,
                    ReplicaRows.Parameters(replica),
                    cancellationToken: ct));
                return previous;
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<ReplicaRecord>> ListLiveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReplicaRow>(new CommandDefinition(
            $"SELECT {Columns} FROM replicas WHERE expires_at > @now ORDER BY id;",
            new { now = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return [.. rows.Select(ReplicaRows.ToRecord)];
    }

    public async Task RemoveAsync(string replicaId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replicaId);
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM replicas WHERE id = @replicaId;", new { replicaId }, cancellationToken: ct)), cancellationToken);
    }

    public Task<int> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM replicas WHERE expires_at <= @expiredBefore;",
            new { expiredBefore = expiredBefore.ToUnixTimeMilliseconds() },
            cancellationToken: ct)), cancellationToken);
}
