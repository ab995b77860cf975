using Dapper;
using DingGate.Core.Storage;

namespace DingGate.Storage.Postgres;

// IDedupStore over dedup_marks (PostgreSQL). A mark is live while expires_at > now. The mark is one INSERT … ON CONFLICT
// statement, atomic across replicas: of two processes marking the same key, the second waits on the row and sees the live mark.
internal sealed class PostgresDedupStore(PostgresDatabase database) : IDedupStore
{
    // One statement, so it is atomic without a transaction: a new key inserts (1 change); an existing key is
    // refreshed only when its mark has expired (1 change); a live mark makes the WHERE false (0 changes).
    private const string MarkSql =
        """
        INSERT INTO dedup_marks (scope, key, expires_at) VALUES (@scope, @key, @expiresAt)
        ON CONFLICT (scope, key) DO UPDATE SET expires_at = excluded.expires_at
        WHERE dedup_marks.expires_at <= @now;
        """;

    public async Task<bool> TryMarkSeenAsync(string scope, string key, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var changes = await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            MarkSql,
            new { scope, key, now = now.ToUnixTimeMilliseconds(), expiresAt = expiresAt.ToUnixTimeMilliseconds() },
            cancellationToken: ct)), cancellationToken);
        return changes == 1;
    }

    // Bounded: one short write per batch, the expires_at index picks the oldest marks.
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM dedup_marks WHERE (scope, key) IN (
                SELECT scope, key FROM dedup_marks WHERE expires_at <= @now ORDER BY expires_at LIMIT @limit FOR UPDATE SKIP LOCKED);
            """,
            new { now = now.ToUnixTimeMilliseconds(), limit },
            cancellationToken: ct)), cancellationToken);
    }
}
