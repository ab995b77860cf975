using Dapper;
using DingGate.Core.Storage;
using Microsoft.Data.Sqlite;

namespace DingGate.Storage.Sqlite;

// IReplyOutbox over reply_outbox (+ _parts, _attempts). A re-queued entry is due from its creation time: "at once"
// for the gateway whatever clock the CLI that re-queued it runs on. Writes that touch several rows run as one writer
// item (a savepoint in the writer's IMMEDIATE transaction), so a crash leaves either the whole entry (all parts) or
// nothing, and an attempt is counted together with its history row.
internal sealed partial class SqliteReplyOutbox(SqliteDatabase database) : IReplyOutbox
{
    private const string SelectColumns =
        "id AS Id, account_id AS AccountId, message_key AS MessageKey, final AS Final, conversation_id AS ConversationId, " +
        "is_group AS IsGroup, user_id AS UserId, webhook AS Webhook, webhook_expires_at AS WebhookExpiresAt, markdown AS Markdown, " +
        "delivered_parts AS DeliveredParts, in_flight_part AS InFlightPart, state AS State, attempts AS Attempts, " +
        "next_attempt_at AS NextAttemptAt, last_error AS LastError, created_at AS CreatedAt, updated_at AS UpdatedAt, " +
        "lease_owner AS LeaseOwner, lease_until AS LeaseUntil";

    public async Task<long> AddAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Parts.Count == 0)
        {
            throw new ArgumentException("An outbox entry needs at least one part.", nameof(entry));
        }

        return await database.WriteAsync((connection, ct) => InsertAsync(connection, entry, ct), cancellationToken);
    }

    // One writer item: the look at the message's journal entry and the insert are atomic against every other write.
    public async Task<long?> AddLeasedAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.LeaseOwner);
        if (entry.Parts.Count == 0)
        {
            throw new ArgumentException("An outbox entry needs at least one part.", nameof(entry));
        }

        return await database.WriteAsync<long?>(
            async (connection, ct) =>
            {
                var holder = await connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
                    "SELECT lease_owner FROM inbound_journal WHERE account_id = @AccountId AND message_key = @MessageKey;",
                    new { entry.AccountId, entry.MessageKey },
                    cancellationToken: ct));
                return holder is not null && holder != entry.LeaseOwner ? null : await InsertAsync(connection, entry, ct);
            },
            cancellationToken);
    }

    private static async Task<long> InsertAsync(SqliteConnection connection, OutboxEntry entry, CancellationToken ct)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO reply_outbox (account_id, message_key, final, conversation_id, is_group, user_id, webhook, webhook_expires_at,
                markdown, part_count, delivered_parts, in_flight_part, state, attempts, next_attempt_at, last_error, created_at, updated_at,
                lease_owner, lease_until)
            VALUES (@AccountId, @MessageKey, @Final, @ConversationId, @IsGroup, @UserId, @Webhook, @WebhookExpiresAt,
                @Markdown, @PartCount, @DeliveredParts, NULL, @State, @Attempts, @NextAttemptAt, @LastError, @CreatedAt, @CreatedAt,
                @LeaseOwner, @LeaseUntil);
            SELECT last_insert_rowid();
            """,
            new
            {
                entry.AccountId,
                entry.MessageKey,
                Final = entry.Final ? 1 : 0,
                entry.ConversationId,
                IsGroup = entry.IsGroup ? 1 : 0,
                entry.UserId,
                entry.Webhook,
                WebhookExpiresAt = entry.WebhookExpiresAt?.ToUnixTimeMilliseconds(),
                Markdown = entry.Markdown ? 1 : 0,
                PartCount = entry.Parts.Count,
                entry.DeliveredParts,
                State = (int)entry.State,
                entry.Attempts,
                NextAttemptAt = entry.NextAttemptAt?.ToUnixTimeMilliseconds(),
                entry.LastError,
                CreatedAt = entry.CreatedAt.ToUnixTimeMilliseconds(),
                entry.LeaseOwner,
                LeaseUntil = entry.LeaseUntil?.ToUnixTimeMilliseconds(),
            },
            cancellationToken: ct));
        for (var i = 0; i < entry.Parts.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO reply_outbox_parts (outbox_id, idx, title, text) VALUES (@id, @i, @Title, @Text);",
                new { id, i, entry.Parts[i].Title, entry.Parts[i].Text },
                cancellationToken: ct));
        }

        return id;
    }

    public async Task<OutboxEntry?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var entries = await QueryAsync(connection, "id = @id", new { id }, cancellationToken);
        if (entries.Count == 0)
        {
            return null;
        }

        var history = await connection.QueryAsync<OutboxAttemptRow>(new CommandDefinition(
            "SELECT at AS At, path AS Path, outcome AS Outcome, detail AS Detail FROM reply_outbox_attempts WHERE outbox_id = @id ORDER BY seq;",
            new { id },
            cancellationToken: cancellationToken));
        return entries[0] with
        {
            History = [.. history.Select(h => new OutboxAttempt(DateTimeOffset.FromUnixTimeMilliseconds(h.At), h.Path, h.Outcome, h.Detail))],
        };
    }

    public async Task<OutboxEntry?> FindAnswerAsync(string accountId, string messageKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var entries = await QueryAsync(
            connection, "account_id = @accountId AND message_key = @messageKey AND final = 1", new { accountId, messageKey }, cancellationToken);
        return entries.Count == 0 ? null : entries[^1];
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(string? accountId, IReadOnlyCollection<OutboxState>? states, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var where = "(@accountId IS NULL OR account_id = @accountId)";
        if (states is not null)
        {
            where += states.Count == 0 ? " AND 0" : " AND state IN (" + string.Join(", ", states.Select(s => (int)s)) + ")";
        }

        return await QueryAsync(connection, where, new { accountId }, cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListDueAsync(string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await QueryAsync(
            connection,
            "account_id = @accountId AND state = @pending AND next_attempt_at <= @now",
            new { accountId, pending = (int)OutboxState.Pending, now = now.ToUnixTimeMilliseconds() },
            cancellationToken);
    }

    public async Task<DateTimeOffset?> NextDueAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MIN(next_attempt_at) FROM reply_outbox WHERE account_id = @accountId AND state = @pending;",
            new { accountId, pending = (int)OutboxState.Pending },
            cancellationToken: cancellationToken));
        return next is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async Task<bool> BeginPartAsync(long id, int part, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var changed = await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE reply_outbox SET in_flight_part = @part, state = @sending, updated_at = @at WHERE id = @id AND state NOT IN (@delivered, @dropped);",
            new
            {
                id, part, sending = (int)OutboxState.Sending, delivered = (int)OutboxState.Delivered, dropped = (int)OutboxState.Dropped,
                at = at.ToUnixTimeMilliseconds(),
            },
            cancellationToken: ct)), cancellationToken);
        return changed == 1;
    }

    public async Task EndPartAsync(long id, int part, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE reply_outbox SET in_flight_part = NULL, updated_at = @at WHERE id = @id AND in_flight_part = @part;",
            new { id, part, at = at.ToUnixTimeMilliseconds() },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task PartDeliveredAsync(long id, int part, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE reply_outbox SET
                delivered_parts = MAX(delivered_parts, @delivered),
                in_flight_part = NULL,
                state = CASE WHEN MAX(delivered_parts, @delivered) >= part_count THEN @done ELSE state END,
                next_attempt_at = CASE WHEN MAX(delivered_parts, @delivered) >= part_count THEN NULL ELSE next_attempt_at END,
                updated_at = @at
            WHERE id = @id;
            """,
            new { id, delivered = part + 1, done = (int)OutboxState.Delivered, at = at.ToUnixTimeMilliseconds() },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task RecordAttemptAsync(long id, OutboxAttempt attempt, OutboxState state, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await database.WriteAsync(
            (connection, ct) => connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO reply_outbox_attempts (outbox_id, seq, at, path, outcome, detail)
                SELECT @id, COALESCE(MAX(seq), 0) + 1, @at, @Path, @Outcome, @Detail FROM reply_outbox_attempts WHERE outbox_id = @id;
                UPDATE reply_outbox SET attempts = attempts + 1, state = @state, next_attempt_at = @next, in_flight_part = NULL,
                    last_error = COALESCE(@Detail, last_error), updated_at = @at
                WHERE id = @id;
                """,
                new
                {
                    id,
                    at = attempt.At.ToUnixTimeMilliseconds(),
                    attempt.Path,
                    attempt.Outcome,
                    attempt.Detail,
                    state = (int)state,
                    next = nextAttemptAt?.ToUnixTimeMilliseconds(),
                },
                cancellationToken: ct)),
            cancellationToken);
    }

    public async Task<int> RecoverInterruptedAsync(string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now.ToUnixTimeMilliseconds();
        return await database.WriteAsync(
            async (connection, ct) =>
            {
                var ambiguous = await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE reply_outbox SET state = @ambiguous, next_attempt_at = NULL, updated_at = @at,
                        last_error = 'the process ended while part ' || (in_flight_part + 1) || ' of ' || part_count ||
                            ' was being sent; DingTalk may or may not have received it'
                    WHERE account_id = @accountId AND in_flight_part IS NOT NULL AND state IN (@sending, @pending);
                    """,
                    new { accountId, at, ambiguous = (int)OutboxState.Ambiguous, sending = (int)OutboxState.Sending, pending = (int)OutboxState.Pending },
                    cancellationToken: ct));
                var pending = await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE reply_outbox SET state = @pending, next_attempt_at = @at, updated_at = @at
                    WHERE account_id = @accountId AND state = @sending;
                    """,
                    new { accountId, at, sending = (int)OutboxState.Sending, pending = (int)OutboxState.Pending },
                    cancellationToken: ct));
                return ambiguous + pending;
            },
            cancellationToken);
    }

    public async Task<bool> RetryAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE reply_outbox SET state = @pending, attempts = 0, next_attempt_at = MIN(@at, created_at), in_flight_part = NULL, updated_at = @at
            WHERE id = @id AND state IN (@failed, @ambiguous, @dropped);
            """,
            new
            {
                id,
                at = now.ToUnixTimeMilliseconds(),
                pending = (int)OutboxState.Pending,
                failed = (int)OutboxState.Failed,
                ambiguous = (int)OutboxState.Ambiguous,
                dropped = (int)OutboxState.Dropped,
            },
            cancellationToken: ct)), cancellationToken);
        return changed == 1;
    }

    public async Task<bool> DropAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE reply_outbox SET state = @dropped, next_attempt_at = NULL, updated_at = @at WHERE id = @id AND state <> @delivered;",
            new { id, at = now.ToUnixTimeMilliseconds(), dropped = (int)OutboxState.Dropped, delivered = (int)OutboxState.Delivered },
            cancellationToken: ct)), cancellationToken);
        return changed == 1;
    }

    public async Task<IReadOnlyDictionary<OutboxState, int>> CountAsync(string? accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long State, long Count)>(new CommandDefinition(
            "SELECT state, COUNT(*) FROM reply_outbox WHERE (@accountId IS NULL OR account_id = @accountId) GROUP BY state;",
            new { accountId },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => (OutboxState)r.State, r => (int)r.Count);
    }

    public async Task<int> PurgeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var args = new { cutoff = cutoff.ToUnixTimeMilliseconds(), delivered = (int)OutboxState.Delivered, dropped = (int)OutboxState.Dropped, limit };
        const string Old = "SELECT id FROM reply_outbox WHERE state IN (@delivered, @dropped) AND updated_at < @cutoff ORDER BY updated_at, id LIMIT @limit";
        return await database.WriteAsync(
            async (connection, ct) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM reply_outbox_parts WHERE outbox_id IN ({Old}); DELETE FROM reply_outbox_attempts WHERE outbox_id IN ({Old});",
                    args, cancellationToken: ct));
                return await connection.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM reply_outbox WHERE id IN ({Old});", args, cancellationToken: ct));
            },
            cancellationToken);
    }

    private static async Task<IReadOnlyList<OutboxEntry>> QueryAsync(SqliteConnection connection, string where, object args, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"SELECT {SelectColumns} FROM reply_outbox WHERE {where} ORDER BY id;", args, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var parts = (await connection.QueryAsync<OutboxPartRow>(new CommandDefinition(
            "SELECT outbox_id AS OutboxId, title AS Title, text AS Text FROM reply_outbox_parts WHERE outbox_id IN @ids ORDER BY outbox_id, idx;",
            new { ids }, cancellationToken: cancellationToken))).ToLookup(p => p.OutboxId);
        return [.. rows.Select(r => ToEntry(r, [.. parts[r.Id].Select(p => new OutboxPart(p.Title, p.Text))]))];
    }

    private static OutboxEntry ToEntry(OutboxRow row, IReadOnlyList<OutboxPart> parts) => new()
    {
        Id = row.Id,
        AccountId = row.AccountId,
        MessageKey = row.MessageKey,
        Final = row.Final != 0,
        ConversationId = row.ConversationId,
        IsGroup = row.IsGroup != 0,
        UserId = row.UserId,
        Webhook = row.Webhook,
        WebhookExpiresAt = row.WebhookExpiresAt is { } w ? DateTimeOffset.FromUnixTimeMilliseconds(w) : null,
        Markdown = row.Markdown != 0,
        Parts = parts,
        DeliveredParts = (int)row.DeliveredParts,
        InFlightPart = row.InFlightPart is { } f ? (int)f : null,
        State = (OutboxState)row.State,
        Attempts = (int)row.Attempts,
        NextAttemptAt = row.NextAttemptAt is { } n ? DateTimeOffset.FromUnixTimeMilliseconds(n) : null,
        LastError = row.LastError,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt),
        LeaseOwner = row.LeaseOwner,
        LeaseUntil = row.LeaseUntil is { } until ? DateTimeOffset.FromUnixTimeMilliseconds(until) : null,
    };
}
