using Dapper;
using DingGate.Core.Storage;

namespace DingGate.Storage.Postgres;

// IInboundJournal over the inbound_journal table (PostgreSQL). Every write is one statement in its own transaction;
// the append is INSERT … ON CONFLICT DO NOTHING, so of two replicas journaling one message exactly one gets true.
internal sealed class PostgresInboundJournal(PostgresDatabase database) : IInboundJournal
{
    private const string SelectColumns =
        "account_id AS AccountId, message_key AS MessageKey, topic AS Topic, payload AS Payload, " +
        "received_at AS ReceivedAt, state AS State, attempts AS Attempts, detail AS Detail, " +
        "lease_owner AS LeaseOwner, lease_until AS LeaseUntil, lane AS Lane, seq AS Seq";

    public async Task<bool> AppendAsync(InboundJournalEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new
        {
            entry.AccountId,
            entry.MessageKey,
            entry.Topic,
            entry.Payload,
            ReceivedAt = entry.ReceivedAt.ToUnixTimeMilliseconds(),
            State = (int)entry.State,
            entry.Attempts,
            entry.Detail,
            entry.LeaseOwner,
            LeaseUntil = entry.LeaseUntil?.ToUnixTimeMilliseconds(),
            entry.Lane,
        };

        // Durable: committed when this returns: safe to ACK.
        var inserted = await database.WriteDurablyAsync(
            (connection, ct) => connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO inbound_journal
                    (account_id, message_key, topic, payload, received_at, state, attempts, detail, updated_at, lease_owner, lease_until, lane)
                VALUES (@AccountId, @MessageKey, @Topic, @Payload, @ReceivedAt, @State, @Attempts, @Detail, @ReceivedAt, @LeaseOwner, @LeaseUntil, @Lane)
                ON CONFLICT (account_id, message_key) DO NOTHING;
                """,
                row,
                cancellationToken: ct)),
            cancellationToken);
        return inserted == 1;
    }

    // Marking an unknown key is a no-op: the journal is the source of truth and a late mark must not fail a reply.
    public async Task MarkAsync(string accountId, string messageKey, InboundState state, string? detail, CancellationToken cancellationToken)
    {
        var now = database.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE inbound_journal
            SET state = @state,
                detail = @detail,
                updated_at = @now,
                attempts = attempts + CASE WHEN @state = @processing THEN 1 ELSE 0 END
            WHERE account_id = @accountId AND message_key = @messageKey;
            """,
            new
            {
                accountId,
                messageKey,
                state = (int)state,
                detail,
                now,
                processing = (int)InboundState.Processing,
            },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task<InboundJournalEntry?> FindAsync(string accountId, string messageKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JournalRow>(new CommandDefinition(
            $"SELECT {SelectColumns} FROM inbound_journal WHERE account_id = @accountId AND message_key = @messageKey;",
            new { accountId, messageKey },
            cancellationToken: cancellationToken));
        return row is null ? null : ToEntry(row);
    }

    public async Task<IReadOnlyList<InboundJournalEntry>> ListUnfinishedAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);

        // seq breaks ties between entries received in the same millisecond: insertion order.
        var rows = await connection.QueryAsync<JournalRow>(new CommandDefinition(
            $"""
            SELECT {SelectColumns} FROM inbound_journal
            WHERE account_id = @accountId AND state IN (@received, @processing)
            ORDER BY received_at, seq;
            """,
            new { accountId, received = (int)InboundState.Received, processing = (int)InboundState.Processing },
            cancellationToken: cancellationToken));
        return [.. rows.Select(ToEntry)];
    }

    // Key IN (… LIMIT n): one short transaction per batch; the (state, updated_at) index finds the oldest finished rows.
    public async Task<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM inbound_journal WHERE (account_id, message_key) IN (
                SELECT account_id, message_key FROM inbound_journal
                WHERE state IN (@answered, @failed) AND updated_at <= @before
                ORDER BY updated_at LIMIT @limit FOR UPDATE SKIP LOCKED);
            """,
            new { answered = (int)InboundState.Answered, failed = (int)InboundState.Failed, before = finishedBefore.ToUnixTimeMilliseconds(), limit },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListKeysRetainedAfterAsync(string accountId, DateTimeOffset finishedAfter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var keys = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT message_key FROM inbound_journal
            WHERE account_id = @accountId AND (state IN (@received, @processing) OR updated_at > @after);
            """,
            new
            {
                accountId,
                received = (int)InboundState.Received,
                processing = (int)InboundState.Processing,
                after = finishedAfter.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
        return [.. keys];
    }

    public async Task<JournalFailures> GetFailuresAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var failed = new { accountId, failed = (int)InboundState.Failed };
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM inbound_journal WHERE account_id = @accountId AND state = @failed;", failed, cancellationToken: cancellationToken));
        if (count == 0)
        {
            return JournalFailures.None;
        }

        var last = await connection.QueryFirstAsync<(long UpdatedAt, string? Detail)>(new CommandDefinition(
            """
            SELECT updated_at, detail FROM inbound_journal
            WHERE account_id = @accountId AND state = @failed
            ORDER BY updated_at DESC, seq DESC LIMIT 1;
            """,
            failed,
            cancellationToken: cancellationToken));
        return new JournalFailures(count, DateTimeOffset.FromUnixTimeMilliseconds(last.UpdatedAt), last.Detail);
    }

    public async Task<int> RenewLeasesAsync(string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE inbound_journal SET lease_until = @until WHERE lease_owner = @owner AND state IN (0, 1);",
            new { owner, until = until.ToUnixTimeMilliseconds() },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListTakenAsync(
        string accountId, string owner, IReadOnlyCollection<string> messageKeys, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(messageKeys);
        if (messageKeys.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var keys = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT message_key FROM inbound_journal
            WHERE account_id = @accountId AND message_key = ANY(@keys) AND lease_owner IS NOT NULL AND lease_owner <> @owner
            ORDER BY message_key;
            """,
            new { accountId, owner, keys = messageKeys.ToArray() },
            cancellationToken: cancellationToken));
        return [.. keys];
    }

    public async Task<int> ReleaseLeasesAsync(string accountId, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE inbound_journal SET lease_owner = NULL, lease_until = NULL WHERE account_id = @accountId AND lease_owner = @owner AND state IN (0, 1);",
            new { accountId, owner },
            cancellationToken: ct)), cancellationToken);
    }

    // One statement: the rows are picked FOR UPDATE SKIP LOCKED (a row another replica is claiming or renewing is
    // skipped, and a picked row is re-checked against its latest version), so each entry goes to exactly one claimer.
    public async Task<IReadOnlyList<InboundJournalEntry>> ClaimExpiredAsync(
        string accountId, string owner, DateTimeOffset now, DateTimeOffset until, bool includeOwn, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var rows = await database.WriteAsync(
            (connection, ct) => connection.QueryAsync<JournalRow>(new CommandDefinition(
                $"""
                UPDATE inbound_journal SET lease_owner = @owner, lease_until = @until
                WHERE (account_id, message_key) IN (
                    SELECT account_id, message_key FROM inbound_journal
                    WHERE account_id = @accountId AND state IN (0, 1)
                      AND (lease_until IS NULL OR lease_until < @now OR (@own AND lease_owner = @owner))
                    ORDER BY received_at, seq LIMIT @limit FOR UPDATE SKIP LOCKED)
                RETURNING {SelectColumns};
                """,
                new { accountId, owner, now = now.ToUnixTimeMilliseconds(), until = until.ToUnixTimeMilliseconds(), own = includeOwn, limit },
                cancellationToken: ct)),
            cancellationToken);
        return [.. rows.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Seq).Select(ToEntry)];
    }

    public async Task<InboundJournalEntry?> ClaimOneAsync(
        string accountId, string messageKey, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var row = await database.WriteAsync(
            (connection, ct) => connection.QuerySingleOrDefaultAsync<JournalRow>(new CommandDefinition(
                $"""
                UPDATE inbound_journal SET lease_owner = @owner, lease_until = @until
                WHERE account_id = @accountId AND message_key = @messageKey AND state IN (0, 1)
                  AND (lease_until IS NULL OR lease_until < @now)
                RETURNING {SelectColumns};
                """,
                new { accountId, messageKey, owner, now = now.ToUnixTimeMilliseconds(), until = until.ToUnixTimeMilliseconds() },
                cancellationToken: ct)),
            cancellationToken);
        return row is null ? null : ToEntry(row);
    }

    // seq is assigned at insert by the one database every replica writes to: the arrival order across replicas.
    public async Task<IReadOnlyList<InboundJournalEntry>> ListEarlierInLaneAsync(
        string accountId, string lane, string messageKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<JournalRow>(new CommandDefinition(
            $"""
            SELECT {SelectColumns} FROM inbound_journal
            WHERE account_id = @accountId AND lane = @lane AND state IN (0, 1) AND message_key <> @messageKey
              AND seq < (SELECT seq FROM inbound_journal WHERE account_id = @accountId AND message_key = @messageKey)
            ORDER BY seq LIMIT @limit;
            """,
            new { accountId, lane, messageKey, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(ToEntry)];
    }

    private static InboundJournalEntry ToEntry(JournalRow row) => new(
        row.AccountId,
        row.MessageKey,
        row.Topic,
        row.Payload,
        DateTimeOffset.FromUnixTimeMilliseconds(row.ReceivedAt),
        (InboundState)row.State,
        (int)row.Attempts,
        row.Detail,
        row.LeaseOwner,
        row.LeaseUntil is { } until ? DateTimeOffset.FromUnixTimeMilliseconds(until) : null,
        row.Lane);
}
