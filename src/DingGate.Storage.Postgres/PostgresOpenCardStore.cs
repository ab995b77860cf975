using Dapper;
using DingGate.Core.Storage;

namespace DingGate.Storage.Postgres;

// IOpenCardStore over open_cards. Every method is one autocommit statement: the card sink updating content and the
// restart recovery removing rows need no locking here. Unknown cards are no-ops (a late update or a second remove
// must never fail a reply).
internal sealed class PostgresOpenCardStore(PostgresDatabase database) : IOpenCardStore
{
    private const string SelectColumns =
        "account_id AS AccountId, out_track_id AS OutTrackId, conversation_id AS ConversationId, " +
        "message_key AS MessageKey, owner_user_id AS OwnerUserId, content AS Content, " +
        "state AS State, created_at AS CreatedAt, updated_at AS UpdatedAt";

    // A replaced card gets a new seq (it sorts as the newest among cards created in the same millisecond), as SQLite's
    // INSERT OR REPLACE gives it a new rowid: that is what "replaces a record" means here.
    public async Task AddAsync(OpenCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO open_cards
                (account_id, out_track_id, conversation_id, message_key, owner_user_id, content, state, created_at, updated_at)
            VALUES (@AccountId, @OutTrackId, @ConversationId, @MessageKey, @OwnerUserId, @Content, @State, @CreatedAt, @UpdatedAt)
            ON CONFLICT (account_id, out_track_id) DO UPDATE SET
                conversation_id = excluded.conversation_id, message_key = excluded.message_key, owner_user_id = excluded.owner_user_id,
                content = excluded.content, state = excluded.state, created_at = excluded.created_at, updated_at = excluded.updated_at,
                seq = DEFAULT;
            """,
            new
            {
                card.AccountId,
                card.OutTrackId,
                card.ConversationId,
                card.MessageKey,
                card.OwnerUserId,
                card.Content,
                State = (int)card.State,
                CreatedAt = card.CreatedAt.ToUnixTimeMilliseconds(),
                UpdatedAt = card.UpdatedAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task UpdateContentAsync(string accountId, string outTrackId, string content, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE open_cards SET content = @content, updated_at = @at
            WHERE account_id = @accountId AND out_track_id = @outTrackId;
            """,
            new { accountId, outTrackId, content, at = at.ToUnixTimeMilliseconds() },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task MarkAsync(
        string accountId, string outTrackId, OpenCardState state, string? content, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE open_cards SET state = @state, content = COALESCE(@content, content), updated_at = @at
            WHERE account_id = @accountId AND out_track_id = @outTrackId;
            """,
            new { accountId, outTrackId, state = (int)state, content, at = at.ToUnixTimeMilliseconds() },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task RemoveAsync(string accountId, string outTrackId, CancellationToken cancellationToken)
    {
        await database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM open_cards WHERE account_id = @accountId AND out_track_id = @outTrackId;",
            new { accountId, outTrackId },
            cancellationToken: ct)), cancellationToken);
    }

    public async Task<IReadOnlyList<OpenCard>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);

        // seq breaks ties between cards created in the same millisecond: insertion order.
        var rows = await connection.QueryAsync<OpenCardRow>(new CommandDefinition(
            $"SELECT {SelectColumns} FROM open_cards WHERE account_id = @accountId ORDER BY created_at, seq;",
            new { accountId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(ToCard)];
    }

    private static OpenCard ToCard(OpenCardRow row) => new()
    {
        AccountId = row.AccountId,
        OutTrackId = row.OutTrackId,
        ConversationId = row.ConversationId,
        MessageKey = row.MessageKey,
        OwnerUserId = row.OwnerUserId,
        Content = row.Content,
        State = Enum.IsDefined((OpenCardState)row.State) ? (OpenCardState)row.State : OpenCardState.Created,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt),
    };
}
