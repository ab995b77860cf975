using Dapper;
using DingGate.Core.Storage;
using Microsoft.Data.Sqlite;

namespace DingGate.Storage.Sqlite;

// IReplyOutbox over reply_outbox (+ _parts, _attempts). A re-queued entry is due from its creation time: "at once"
// for the gateway whatever clock the CLI that re-queued it runs on. Writes that touch several rows run as one writer
// item (a savepoint in the writer's IMMEDIATE transaction), so a crash leaves either the whole entry (all parts) or
// nothing, and an attempt is counted together with its history row.
internal sealed class SqliteReplyOutbox(SqliteDatabase database) : IReplyOutbox
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
