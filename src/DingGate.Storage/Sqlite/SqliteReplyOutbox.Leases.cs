using Dapper;
using DingGate.Core.Storage;

namespace DingGate.Storage.Sqlite;

// The replica leases of the outbox (issue 17): renewal, the fenced start of a part, release, claims of due and expired
// entries. Used by the contract suite; a standalone gateway does not lease.
internal sealed partial class SqliteReplyOutbox
{
    public async Task<int> RenewLeasesAsync(string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE reply_outbox SET lease_until = @until WHERE lease_owner = @owner AND lease_until >= @now AND state IN (@sending, @pending);",
            new
            {
                owner, now = now.ToUnixTimeMilliseconds(), until = until.ToUnixTimeMilliseconds(),
                sending = (int)OutboxState.Sending, pending = (int)OutboxState.Pending,
            },
            cancellationToken: ct)), cancellationToken);
    }

    // One writer item: the check, the in-flight mark and, refused, the handover (as on PostgreSQL: an entry still the
    // caller's gets a lease that ran out, or is dropped when it is an interim note of a message another replica holds;
    // a message the caller still holds is released) are atomic against every other write.
    public async Task<OutboxPartStart> BeginLeasedPartAsync(long id, int part, DateTimeOffset at, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        const string Taken =
            """
            EXISTS (SELECT 1 FROM inbound_journal j
                    WHERE j.account_id = o.account_id AND j.message_key = o.message_key AND j.state IN (0, 1)
                      AND j.lease_owner IS NOT NULL AND j.lease_owner <> @owner)
            """;
        var args = new
        {
            id, part, owner, sending = (int)OutboxState.Sending, delivered = (int)OutboxState.Delivered, dropped = (int)OutboxState.Dropped,
            at = at.ToUnixTimeMilliseconds(), reason = "not sent: another replica took the message over",
        };
        return await database.WriteAsync(
            async (connection, ct) =>
            {
                var begun = await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    UPDATE reply_outbox AS o SET in_flight_part = @part, state = @sending, updated_at = @at
                    WHERE o.id = @id AND o.state NOT IN (@delivered, @dropped) AND o.lease_owner = @owner AND o.lease_until > @at AND (o.final = 1 OR NOT {Taken});
                    """,
                    args,
                    cancellationToken: ct));
                if (begun == 1)
                {
                    return OutboxPartStart.Begun;
                }

                var row = await connection.QuerySingleOrDefaultAsync<(long State, long Final, string? LeaseOwner, string AccountId, string MessageKey, long Taken)>(
                    new CommandDefinition(
                        $"SELECT o.state, o.final, o.lease_owner, o.account_id, o.message_key, {Taken} FROM reply_outbox AS o WHERE o.id = @id;",
                        args,
                        cancellationToken: ct));
                // Delivered by the replica that took it over counts as taken (the caller abandons its turn, releases the message).
                if (row == default || row.State == (long)OutboxState.Dropped || (row.State == (long)OutboxState.Delivered && row.LeaseOwner == owner))
                {
                    return OutboxPartStart.Gone;
                }

                if (row.LeaseOwner == owner && row.State != (long)OutboxState.Delivered)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        row.Final == 1 || row.Taken == 0
                            ? "UPDATE reply_outbox SET lease_until = 0, in_flight_part = NULL, updated_at = @at WHERE id = @id;"
                            : "UPDATE reply_outbox SET state = @dropped, in_flight_part = NULL, next_attempt_at = NULL, lease_until = 0, last_error = @reason, updated_at = @at WHERE id = @id;",
                        args,
                        cancellationToken: ct));
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE inbound_journal SET lease_owner = NULL, lease_until = NULL
                    WHERE account_id = @AccountId AND message_key = @MessageKey AND state IN (0, 1) AND lease_owner = @owner;
                    """,
                    new { row.AccountId, row.MessageKey, owner },
                    cancellationToken: ct));
                return OutboxPartStart.LeaseLost;
            },
            cancellationToken);
    }

    public async Task<int> ReleaseLeasesAsync(string accountId, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE reply_outbox SET lease_owner = NULL, lease_until = NULL WHERE account_id = @accountId AND lease_owner = @owner AND state IN (@sending, @pending);",
            new { accountId, owner, sending = (int)OutboxState.Sending, pending = (int)OutboxState.Pending },
            cancellationToken: ct)), cancellationToken);
    }

    // One writer item: the pick and the update are atomic against every other write of the process.
    public async Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(
        string accountId, string owner, DateTimeOffset now, DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var ids = await database.WriteAsync(
            async (connection, ct) =>
            {
                var picked = (await connection.QueryAsync<long>(new CommandDefinition(
                    """
                    SELECT id FROM reply_outbox
                    WHERE account_id = @accountId AND state = @pending AND next_attempt_at <= @now
                      AND (lease_owner IS NULL OR lease_owner = @owner OR lease_until < @now)
                    ORDER BY id LIMIT @limit;
                    """,
                    new { accountId, owner, now = now.ToUnixTimeMilliseconds(), pending = (int)OutboxState.Pending, limit },
                    cancellationToken: ct))).ToList();
                if (picked.Count > 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE reply_outbox SET lease_owner = @owner, lease_until = @until WHERE id IN @picked;",
                        new { owner, until = until.ToUnixTimeMilliseconds(), picked },
                        cancellationToken: ct));
                }

                return picked;
            },
            cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await QueryAsync(connection, "id IN @ids", new { ids }, cancellationToken);
    }

    // As RecoverInterruptedAsync, limited to entries no live replica holds; the settled entries become the caller's.
    public async Task<int> RecoverExpiredAsync(
        string accountId, string owner, DateTimeOffset now, DateTimeOffset until, bool includeOwn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var args = new
        {
            accountId, owner, at = now.ToUnixTimeMilliseconds(), until = until.ToUnixTimeMilliseconds(), own = includeOwn ? 1 : 0,
            ambiguous = (int)OutboxState.Ambiguous, sending = (int)OutboxState.Sending, pending = (int)OutboxState.Pending,
        };
        const string Expired = "(lease_owner IS NULL OR lease_until < @at OR (@own = 1 AND lease_owner = @owner))";
        return await database.WriteAsync(
            async (connection, ct) =>
            {
                var ambiguous = await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    UPDATE reply_outbox SET state = @ambiguous, next_attempt_at = NULL, updated_at = @at, lease_owner = @owner, lease_until = @until,
                        last_error = 'the process ended while part ' || (in_flight_part + 1) || ' of ' || part_count ||
                            ' was being sent; DingTalk may or may not have received it'
                    WHERE account_id = @accountId AND in_flight_part IS NOT NULL AND state IN (@sending, @pending) AND {Expired};
                    """,
                    args,
                    cancellationToken: ct));
                var pending = await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    UPDATE reply_outbox SET state = @pending, next_attempt_at = @at, updated_at = @at, lease_owner = @owner, lease_until = @until
                    WHERE account_id = @accountId AND state = @sending AND {Expired};
                    """,
                    args,
                    cancellationToken: ct));
                return ambiguous + pending;
            },
            cancellationToken);
    }
}
