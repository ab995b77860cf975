using Dapper;
using DingGate.Core.Coordination;
using Npgsql;

namespace DingGate.Storage.Postgres;

// ISharedCounters without Redis: one row per counter in shared_counters, added to in one upsert that returns the
// total (created at the seed when missing). The lifetime is not enforced (one small row per quota group and month).
internal sealed class PostgresCounters(PostgresDatabase database) : ISharedCounters
{
    public async ValueTask<long?> AddAsync(string key, long delta, long seed, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        try
        {
            return await database.WriteAsync((connection, ct) => connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO shared_counters (key, value) VALUES (@key, @seed + @delta)
                ON CONFLICT (key) DO UPDATE SET value = shared_counters.value + @delta
                RETURNING value;
                """,
                new { key, seed, delta },
                cancellationToken: ct)), cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return null;
        }
    }
}
