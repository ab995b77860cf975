using Dapper;
using DingGate.Core.Storage;
using Npgsql;

namespace DingGate.Storage.Postgres;

// IPairingStore over pairing_pending and pairing_approved. Codes and user ids are compared case-insensitively by
// lower(…) (the unique indexes are on lower(code) and lower(user_id), like SQLite's NOCASE columns).
internal sealed class PostgresPairingStore(PostgresDatabase database) : IPairingStore
{
    private const string UniqueViolation = "23505";

    private const string PendingColumns =
        "account_id AS AccountId, code AS Code, user_id AS UserId, nick AS Nick, " +
        "conversation_id AS ConversationId, created_at AS CreatedAt, expires_at AS ExpiresAt";

    public async Task<IReadOnlyList<PairingRequest>> ListPendingAsync(string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PairingRow>(new CommandDefinition(
            $"""
            SELECT {PendingColumns} FROM pairing_pending
            WHERE account_id = @accountId AND expires_at > @now
            ORDER BY created_at, seq;
            """,
            new { accountId, now = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return [.. rows.Select(ToRequest)];
    }

    public async Task<PairingRequest?> FindPendingByUserAsync(string accountId, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<PairingRow>(new CommandDefinition(
            $"""
            SELECT {PendingColumns} FROM pairing_pending
            WHERE account_id = @accountId AND lower(user_id) = lower(@userId) AND expires_at > @now
            ORDER BY created_at DESC, seq DESC LIMIT 1;
            """,
            new { accountId, userId, now = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return row is null ? null : ToRequest(row);
    }

    // Expired requests of the account are dropped first (housekeeping, and so an expired code can be reissued).
    // A code still pending for the account is a collision the caller must resolve (draw another code); the transaction
    // then fails and is rolled back, the housekeeping with it.
    public async Task AddPendingAsync(PairingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await database.WriteAsync(
            async (connection, ct) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM pairing_pending WHERE account_id = @AccountId AND expires_at <= @CreatedAt;",
                    new { request.AccountId, CreatedAt = request.CreatedAt.ToUnixTimeMilliseconds() },
                    cancellationToken: ct));
                return await InsertAsync(connection, request, ct);
            },
            cancellationToken);
    }

    // One transaction under an advisory lock of the account (replicas add for the same account one at a time): expired
    // rows go, the user's other pending rows go (one per sender), then the oldest rows beyond the cap (room for the new
    // one) are deleted and returned, then the new row is inserted. Counting then deleting under the lock is exact.
    public async Task<IReadOnlyList<PairingRequest>> AddPendingAsync(PairingRequest request, int maxPendingPerAccount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingPerAccount, 1);
        return await database.WriteAsync(
            async (connection, ct) =>
            {
                var parameters = new { request.AccountId, request.UserId, CreatedAt = request.CreatedAt.ToUnixTimeMilliseconds() };
                await LockAccountAsync(connection, request.AccountId, ct);
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    DELETE FROM pairing_pending WHERE account_id = @AccountId AND expires_at <= @CreatedAt;
                    DELETE FROM pairing_pending WHERE account_id = @AccountId AND lower(user_id) = lower(@UserId);
                    """,
                    parameters,
                    cancellationToken: ct));
                var pending = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM pairing_pending WHERE account_id = @AccountId;", parameters, cancellationToken: ct));
                var excess = pending - (maxPendingPerAccount - 1);
                IReadOnlyList<PairingRequest> removed = [];
                if (excess > 0)
                {
                    var rows = await connection.QueryAsync<PairingRow>(new CommandDefinition(
                        $"""
                        DELETE FROM pairing_pending
                        WHERE seq IN (SELECT seq FROM pairing_pending WHERE account_id = @AccountId ORDER BY created_at, seq LIMIT @excess)
                        RETURNING {PendingColumns};
                        """,
                        new { request.AccountId, excess },
                        cancellationToken: ct));
                    removed = [.. rows.Select(ToRequest).OrderBy(r => r.CreatedAt)];
                }

                await InsertAsync(connection, request, ct);
                return removed;
            },
            cancellationToken);
    }

    // DELETE ... RETURNING: finding and removing is one statement, so two concurrent approvals of the same code
    // cannot both get the request.
    public async Task<PairingRequest?> TakePendingAsync(string accountId, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var row = await database.WriteAsync((connection, ct) => connection.QueryFirstOrDefaultAsync<PairingRow>(new CommandDefinition(
            $"""
            DELETE FROM pairing_pending
            WHERE account_id = @accountId AND lower(code) = lower(@code) AND expires_at > @now
            RETURNING {PendingColumns};
            """,
            new { accountId, code = code.Trim(), now = now.ToUnixTimeMilliseconds() },
            cancellationToken: ct)), cancellationToken);
        return row is null ? null : ToRequest(row);
    }

    // Idempotent: approving again keeps the first approval time and the first spelling of the id.
    public async Task ApproveAsync(string accountId, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO pairing_approved (account_id, user_id, approved_at) VALUES (@accountId, @userId, @now) ON CONFLICT (account_id, (lower(user_id))) DO NOTHING;",
            new { accountId, userId, now = now.ToUnixTimeMilliseconds() },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task<bool> RevokeAsync(string accountId, string userId, CancellationToken cancellationToken)
    {
        var removed = await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM pairing_approved WHERE account_id = @accountId AND lower(user_id) = lower(@userId);",
            new { accountId, userId },
            cancellationToken: ct)), cancellationToken);
        return removed > 0;
    }

    public async Task<bool> IsApprovedAsync(string accountId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM pairing_approved WHERE account_id = @accountId AND lower(user_id) = lower(@userId));",
            new { accountId, userId },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<string>> ListApprovedAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT user_id FROM pairing_approved WHERE account_id = @accountId ORDER BY approved_at, seq;",
            new { accountId },
            cancellationToken: cancellationToken));
        return [.. ids];
    }

    private static async Task<int> InsertAsync(NpgsqlConnection connection, PairingRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO pairing_pending (account_id, code, user_id, nick, conversation_id, created_at, expires_at)
                VALUES (@AccountId, @Code, @UserId, @Nick, @ConversationId, @CreatedAt, @ExpiresAt);
                """,
                new
                {
                    request.AccountId,
                    request.Code,
                    request.UserId,
                    request.Nick,
                    request.ConversationId,
                    CreatedAt = request.CreatedAt.ToUnixTimeMilliseconds(),
                    ExpiresAt = request.ExpiresAt.ToUnixTimeMilliseconds(),
                },
                cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
        {
            throw new InvalidOperationException(
                $"A pairing request with this code is already pending for account '{request.AccountId}'.", ex);
        }
    }

    // Serialises the capped add of one account across replicas (count, then delete and insert): held to the end of the
    // transaction.
    private static Task LockAccountAsync(NpgsqlConnection connection, string accountId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('pairing:' || @accountId, 0));", new { accountId }, cancellationToken: cancellationToken));

    private static PairingRequest ToRequest(PairingRow row) => new(
        row.AccountId,
        row.Code,
        row.UserId,
        row.Nick,
        row.ConversationId,
        DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
        DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAt));
}
