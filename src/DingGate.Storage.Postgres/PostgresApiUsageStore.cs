using Dapper;
using DingGate.Core.Storage;

namespace DingGate.Storage.Postgres;

// IApiUsageStore over api_usage (one row per account and month, incremented in one statement) and quota_notices.
internal sealed class PostgresApiUsageStore(PostgresDatabase database) : IApiUsageStore
{
    public Task AddAsync(string accountId, int month, long calls, CancellationToken cancellationToken) =>
        AddAsync(accountId, month, calls, billed: 0, cancellationToken);

    public async Task<long> GetAsync(string accountId, int month, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT calls FROM api_usage WHERE account_id = @accountId AND month = @month;",
            new { accountId, month },
            cancellationToken: cancellationToken)) ?? 0;
    }

    public Task AddBilledAsync(string accountId, int month, long calls, CancellationToken cancellationToken) =>
        AddAsync(accountId, month, 0, calls, cancellationToken);

    public async Task<long> GetBilledAsync(string accountId, int month, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT billed FROM api_usage WHERE account_id = @accountId AND month = @month;",
            new { accountId, month },
            cancellationToken: cancellationToken)) ?? 0;
    }

    public async Task<bool> ClaimQuotaNoticeAsync(string group, int month, int step, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var inserted = await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO quota_notices (quota_group, month, step, sent_at) VALUES (@group, @month, @step, @at) ON CONFLICT DO NOTHING;",
            new { group, month, step, at = at.ToUnixTimeMilliseconds() },
            cancellationToken: ct)), cancellationToken);
        return inserted == 1;
    }

    private async Task AddAsync(string accountId, int month, long calls, long billed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        ArgumentOutOfRangeException.ThrowIfNegative(billed);
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_usage (account_id, month, calls, billed) VALUES (@accountId, @month, @calls, @billed)
            ON CONFLICT (account_id, month) DO UPDATE SET calls = api_usage.calls + excluded.calls, billed = api_usage.billed + excluded.billed;
            """,
            new { accountId, month, calls, billed },
            cancellationToken: ct)), cancellationToken);
    }
}
