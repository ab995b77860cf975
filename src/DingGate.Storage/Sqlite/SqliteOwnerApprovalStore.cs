using Dapper;
using DingGate.Core.Storage;

namespace DingGate.Storage.Sqlite;

// IOwnerApprovalStore over owner_approvals. One autocommit statement per method, every write through the one writer;
// the decision is claimed with a conditional UPDATE, so two owners clicking at once decide once.
internal sealed class SqliteOwnerApprovalStore(SqliteDatabase database) : IOwnerApprovalStore
{
    private const string Columns =
        """
        account_id AS AccountId, code AS Code, out_track_id AS OutTrackId, user_id AS UserId, nick AS Nick,
        created_at AS CreatedAt, expires_at AS ExpiresAt, notified_at AS NotifiedAt, notified_by AS NotifiedBy,
        decision AS Decision, decided_by AS DecidedBy, decided_at AS DecidedAt, card_updated_at AS CardUpdatedAt,
        requester_told_at AS RequesterToldAt, worked_by AS WorkedBy
        """;

    public async Task<bool> AddAsync(OwnerApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var rows = await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT OR IGNORE INTO owner_approvals (account_id, code, out_track_id, user_id, nick, created_at, expires_at, worked_by)
            VALUES (@AccountId, @Code, @OutTrackId, @UserId, @Nick, @CreatedAt, @ExpiresAt, @WorkedBy);
            """,
            new
            {
                approval.AccountId,
                approval.Code,
                approval.OutTrackId,
                approval.UserId,
                approval.Nick,
                approval.WorkedBy,
                CreatedAt = approval.CreatedAt.ToUnixTimeMilliseconds(),
                ExpiresAt = approval.ExpiresAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: ct)), cancellationToken);
        return rows == 1;
    }

    public Task<OwnerApproval?> FindAsync(string accountId, string code, CancellationToken cancellationToken) =>
        FindWhereAsync("code = @key", accountId, code, cancellationToken);

    public Task<OwnerApproval?> FindByCardAsync(string accountId, string outTrackId, CancellationToken cancellationToken) =>
        FindWhereAsync("out_track_id = @key", accountId, outTrackId, cancellationToken);

    public Task MarkNotifiedAsync(string accountId, string code, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateAsync("notified_at = @at, notified_by = @by", accountId, code, at, cancellationToken, by);

    public async Task<bool> TryDecideAsync(
        string accountId, string code, OwnerDecision decision, string owner, DateTimeOffset at, string? replica, CancellationToken cancellationToken)
    {
        var rows = await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE owner_approvals SET decision = @decision, decided_by = @owner, decided_at = @at, worked_by = COALESCE(@replica, worked_by)
            WHERE account_id = @accountId AND code = @code AND decision = 0;
            """,
            new { accountId, code, decision = (long)decision, owner, at = at.ToUnixTimeMilliseconds(), replica },
            cancellationToken: ct)), cancellationToken);
        return rows == 1;
    }

    public async Task<IReadOnlyList<OwnerApproval>> ListUnfinishedAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OwnerApprovalRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM owner_approvals
            WHERE account_id = @accountId AND decision <> 0 AND decided_at >= @since
              AND ((decision IN (1, 2) AND requester_told_at IS NULL) OR (notified_by = 'card' AND card_updated_at IS NULL))
            ORDER BY decided_at;
            """,
            new { accountId, since = since.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return [.. rows.Select(ToApproval)];
    }

    public async Task<bool> TakeWorkAsync(string accountId, string code, string? from, string replica, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(replica);
        var rows = await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE owner_approvals SET worked_by = @replica WHERE account_id = @accountId AND code = @code AND worked_by IS @from;",
            new { accountId, code, from, replica },
            cancellationToken: ct)), cancellationToken);
        return rows == 1;
    }

    public Task MarkCardUpdatedAsync(string accountId, string code, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateAsync("card_updated_at = @at", accountId, code, at, cancellationToken);

    public Task MarkRequesterToldAsync(string accountId, string code, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateAsync("requester_told_at = @at", accountId, code, at, cancellationToken);

    private async Task UpdateAsync(string set, string accountId, string code, DateTimeOffset at, CancellationToken cancellationToken, string? by = null)
    {
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE owner_approvals SET {set} WHERE account_id = @accountId AND code = @code;",
            new { accountId, code, at = at.ToUnixTimeMilliseconds(), by },
            cancellationToken: ct)), cancellationToken);
    }

    private async Task<OwnerApproval?> FindWhereAsync(string where, string accountId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OwnerApprovalRow>(new CommandDefinition(
            $"SELECT {Columns} FROM owner_approvals WHERE account_id = @accountId AND {where};",
            new { accountId, key },
            cancellationToken: cancellationToken));
        return row is null ? null : ToApproval(row);
    }

    private static DateTimeOffset? At(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    private static OwnerApproval ToApproval(OwnerApprovalRow r) => new()
    {
        AccountId = r.AccountId, Code = r.Code, OutTrackId = r.OutTrackId, UserId = r.UserId, Nick = r.Nick,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt), ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(r.ExpiresAt),
        NotifiedAt = At(r.NotifiedAt), NotifiedBy = r.NotifiedBy, Decision = (OwnerDecision)r.Decision, DecidedBy = r.DecidedBy,
        DecidedAt = At(r.DecidedAt), CardUpdatedAt = At(r.CardUpdatedAt), RequesterToldAt = At(r.RequesterToldAt), WorkedBy = r.WorkedBy,
    };
}
