using Dapper;
using DingGate.Core.Storage;

namespace DingGate.Storage.Sqlite;

// IApiUsageStore over api_usage: one row per account and month, incremented in one statement.
internal sealed class SqliteApiUsageStore(SqliteDatabase database) : IApiUsageStore
{
    public async Task AddAsync(string accountId, int month, long calls, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_usage (account_id, month, calls) VALUES (@accountId, @month, @calls)
            ON CONFLICT (account_id, month) DO UPDATE SET calls = api_usage.calls + excluded.calls;
            """,
            new { accountId, month, calls },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task<long> GetAsync(string accountId, int month, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT calls FROM api_usage WHERE account_id = @accountId AND month = @month;",
            new { accountId, month },
            cancellationToken: cancellationToken)) ?? 0;
    }
}
