using Dapper;
using DingGate.Core.Storage;

namespace DingGate.Storage.Postgres;

// IShownIndicatorStore over shown_indicators. One autocommit statement per method; removing an unknown record is a
// no-op (a recall after the restart already took it back must not fail).
internal sealed class PostgresShownIndicatorStore(PostgresDatabase database) : IShownIndicatorStore
{
    public async Task AddAsync(ShownIndicator indicator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO shown_indicators
                (account_id, message_key, conversation_id, msg_id, emotion_name, emotion_id, background_id, shown_at)
            VALUES (@AccountId, @MessageKey, @ConversationId, @MessageId, @EmotionName, @EmotionId, @BackgroundId, @ShownAt)
            ON CONFLICT (account_id, message_key) DO UPDATE SET
                conversation_id = excluded.conversation_id, msg_id = excluded.msg_id, emotion_name = excluded.emotion_name,
                emotion_id = excluded.emotion_id, background_id = excluded.background_id, shown_at = excluded.shown_at, seq = DEFAULT;
            """,
            new
            {
                indicator.AccountId,
                indicator.MessageKey,
                indicator.ConversationId,
                indicator.MessageId,
                indicator.EmotionName,
                indicator.EmotionId,
                indicator.BackgroundId,
                ShownAt = indicator.ShownAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task RemoveAsync(string accountId, string messageKey, CancellationToken cancellationToken)
    {
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM shown_indicators WHERE account_id = @accountId AND message_key = @messageKey;",
            new { accountId, messageKey },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task<IReadOnlyList<ShownIndicator>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ShownIndicatorRow>(new CommandDefinition(
            """
            SELECT account_id AS AccountId, message_key AS MessageKey, conversation_id AS ConversationId, msg_id AS MessageId,
                   emotion_name AS EmotionName, emotion_id AS EmotionId, background_id AS BackgroundId, shown_at AS ShownAt
            FROM shown_indicators WHERE account_id = @accountId ORDER BY shown_at, seq;
            """,
            new { accountId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ShownIndicator
        {
            AccountId = r.AccountId, MessageKey = r.MessageKey, ConversationId = r.ConversationId, MessageId = r.MessageId,
            EmotionName = r.EmotionName, EmotionId = r.EmotionId, BackgroundId = r.BackgroundId,
            ShownAt = DateTimeOffset.FromUnixTimeMilliseconds(r.ShownAt),
        })];
    }
}
