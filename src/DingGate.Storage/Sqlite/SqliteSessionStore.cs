using Dapper;
using DingGate.Core.Sessions;

namespace DingGate.Storage.Sqlite;

// ISessionStore over session_messages and session_usage. Sessions are keyed by (account_id, scope); seq numbers the
// messages of one session in the order they were appended (the primary key doubles as the "newest first" index).
internal sealed class SqliteSessionStore(SqliteDatabase database) : ISessionStore
{
    // Reads at most maxMessages newest rows (tool calls and results are rows too), then keeps the newest whole rows that
    // fit maxChars. A history that would start with anything but a user message (an answer or tool steps whose user
    // message fell outside the budget) drops it: the model would otherwise read an answer to a question it never saw,
    // and a provider refuses a tool result without its call.
    public async Task<IReadOnlyList<SessionTurn>> LoadAsync(SessionKey key, int maxMessages, int maxChars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (maxMessages <= 0 || maxChars <= 0)
        {
            return [];
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var newestFirst = await connection.QueryAsync<SessionMessageRow>(new CommandDefinition(
            """
            SELECT seq AS Seq, role AS Role, text AS Text, at AS At, tokens AS Tokens FROM session_messages
            WHERE account_id = @AccountId AND scope = @Scope
            ORDER BY seq DESC LIMIT @maxMessages;
            """,
            new { key.AccountId, key.Scope, maxMessages },
            cancellationToken: cancellationToken));

        var kept = new List<SessionMessageRow>();
        var chars = 0L;
        foreach (var row in newestFirst)
        {
            chars += row.Text.Length;
            if (chars > maxChars)
            {
                break;
            }

            kept.Add(row);
        }

        kept.Reverse();
        var start = 0;
        while (start < kept.Count && kept[start].Role != SessionTurn.User)
        {
            start++;
        }

        return [.. kept.Skip(start).Select(ToTurn)];
    }

    public Task AppendExchangeAsync(
        SessionKey key, SessionTurn user, SessionTurn assistant, long inputTokens, long outputTokens, CancellationToken cancellationToken) =>
        AppendExchangeAsync(key, user, [], assistant, inputTokens, outputTokens, cancellationToken);

    // One writer item (its own savepoint in the writer's IMMEDIATE transaction): the next seq is read under the write
    // lock, so concurrent appends to one session never collide and a crash never stores a user message without its
    // answer, or tool steps without either.
    public Task AppendExchangeAsync(
        SessionKey key, SessionTurn user, IReadOnlyList<SessionTurn> steps, SessionTurn assistant, long inputTokens, long outputTokens, CancellationToken cancellationToken) =>
        AppendAsync(key, null, user, steps, assistant, inputTokens, outputTokens, cancellationToken);

    public Task<bool> AppendExchangeOnceAsync(
        SessionKey key, string exchangeId, SessionTurn user, IReadOnlyList<SessionTurn> steps, SessionTurn assistant, long inputTokens, long outputTokens,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(exchangeId);
        return AppendAsync(key, exchangeId, user, steps, assistant, inputTokens, outputTokens, cancellationToken);
    }

    public async Task<string?> FindAnswerAsync(SessionKey key, string exchangeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(exchangeId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            """
            SELECT text FROM session_messages
            WHERE account_id = @AccountId AND scope = @Scope AND exchange_id = @exchangeId AND role = @Assistant
            ORDER BY seq DESC LIMIT 1;
            """,
            new { key.AccountId, key.Scope, exchangeId, SessionTurn.Assistant },
            cancellationToken: cancellationToken));
    }

    // Every row of an exchange carries its id (null for exchanges not tied to one message); with an id, an exchange the
    // session already holds is not written again (checked under the same lock that numbers the rows).
    private async Task<bool> AppendAsync(
        SessionKey key, string? exchangeId, SessionTurn user, IReadOnlyList<SessionTurn> steps, SessionTurn assistant, long inputTokens, long outputTokens,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(assistant);
        var turns = new List<SessionTurn>(steps.Count + 2) { user };
        turns.AddRange(steps);
        turns.Add(assistant);
        return await database.WriteAsync(
            async (connection, ct) =>
            {
                if (exchangeId is not null && await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                        "SELECT COUNT(*) FROM session_messages WHERE account_id = @AccountId AND scope = @Scope AND exchange_id = @exchangeId;",
                        new { key.AccountId, key.Scope, exchangeId },
                        cancellationToken: ct)) > 0)
                {
                    return false;
                }

                var next = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COALESCE(MAX(seq), 0) + 1 FROM session_messages WHERE account_id = @AccountId AND scope = @Scope;",
                    new { key.AccountId, key.Scope },
                    cancellationToken: ct));
                const string Insert =
                    """
                    INSERT INTO session_messages (account_id, scope, seq, role, text, at, tokens, exchange_id)
                    VALUES (@AccountId, @Scope, @Seq, @Role, @Text, @At, @Tokens, @exchangeId);
                    """;
                var seq = next;
                foreach (var turn in turns)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        Insert,
                        new { key.AccountId, key.Scope, Seq = seq++, turn.Role, turn.Text, At = turn.At.ToUnixTimeMilliseconds(), turn.Tokens, exchangeId },
                        cancellationToken: ct));
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO session_usage (account_id, scope, input_tokens, output_tokens, started_at)
                    VALUES (@AccountId, @Scope, @inputTokens, @outputTokens, @startedAt)
                    ON CONFLICT (account_id, scope) DO UPDATE SET
                        input_tokens = input_tokens + excluded.input_tokens,
                        output_tokens = output_tokens + excluded.output_tokens;
                    """,
                    new { key.AccountId, key.Scope, inputTokens, outputTokens, startedAt = user.At.ToUnixTimeMilliseconds() },
                    cancellationToken: ct));
                return true;
            },
            cancellationToken);
    }

    public async Task ClearAsync(SessionKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await database.WriteAsync(
            (connection, ct) => connection.ExecuteAsync(new CommandDefinition(
                """
                DELETE FROM session_messages WHERE account_id = @AccountId AND scope = @Scope;
                DELETE FROM session_usage WHERE account_id = @AccountId AND scope = @Scope;
                """,
                new { key.AccountId, key.Scope },
                cancellationToken: ct)),
            cancellationToken);
    }

    public async Task<SessionStats> GetStatsAsync(SessionKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var messages = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM session_messages WHERE account_id = @AccountId AND scope = @Scope AND role IN (@User, @Assistant);",
            new { key.AccountId, key.Scope, SessionTurn.User, SessionTurn.Assistant },
            cancellationToken: cancellationToken));
        var usage = await connection.QueryFirstOrDefaultAsync<SessionUsageRow>(new CommandDefinition(
            """
            SELECT input_tokens AS InputTokens, output_tokens AS OutputTokens, started_at AS StartedAt FROM session_usage
            WHERE account_id = @AccountId AND scope = @Scope;
            """,
            new { key.AccountId, key.Scope },
            cancellationToken: cancellationToken));
        return usage is null
            ? new SessionStats((int)messages, 0, 0, null)
            : new SessionStats((int)messages, usage.InputTokens, usage.OutputTokens, DateTimeOffset.FromUnixTimeMilliseconds(usage.StartedAt));
    }

    // Bounded: one short writer item per batch; the (at) index (migration step 5) finds the oldest rows. A user message
    // purged before its answer leaves leading tool steps or an assistant message, which LoadAsync already drops.
    public async Task<int> PurgeOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM session_messages WHERE (account_id, scope, seq) IN (
                SELECT account_id, scope, seq FROM session_messages WHERE at <= @before ORDER BY at LIMIT @limit);
            """,
            new { before = before.ToUnixTimeMilliseconds(), limit },
            cancellationToken: ct)), cancellationToken);
    }

    private static SessionTurn ToTurn(SessionMessageRow row) => new(
        row.Role,
        row.Text,
        DateTimeOffset.FromUnixTimeMilliseconds(row.At),
        row.Tokens is { } tokens ? (int)Math.Min(tokens, int.MaxValue) : null);
}
