using Dapper;
using DingGate.Core.Storage;
using DingGate.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace DingGate.Storage.Tests.Sqlite;

public sealed class SqliteOpenCardStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly TempStateDirectory _directory = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteOpenCardStore _store;

    public SqliteOpenCardStoreTests()
    {
        _database = _directory.Open();
        _store = new SqliteOpenCardStore(_database);
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    private static OpenCard Card(string outTrackId, DateTimeOffset createdAt, string account = "acc", string? owner = "user001") => new()
    {
        AccountId = account,
        OutTrackId = outTrackId,
        ConversationId = "cid-" + outTrackId,
        MessageKey = "msg-" + outTrackId,
        OwnerUserId = owner,
        Content = "thinking…",
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };

    [Fact]
    public async Task AddAsync_NewCard_ListReturnsItWithAllFields()
    {
        var card = Card("track-1", T0) with { Content = "部分 **markdown**\n| a |", OwnerUserId = null };

        await _store.AddAsync(card, CancellationToken.None);

        Assert.Equal([card], await _store.ListAsync("acc", CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_SameOutTrackIdAgain_ReplacesRecord()
    {
        await _store.AddAsync(Card("track-1", T0), CancellationToken.None);
        var replacement = Card("track-1", T0.AddMinutes(1)) with { ConversationId = "cid-other", Content = "new" };

        await _store.AddAsync(replacement, CancellationToken.None);

        Assert.Equal([replacement], await _store.ListAsync("acc", CancellationToken.None));
    }

    [Fact]
    public async Task UpdateContentAsync_KnownCard_ChangesContentAndUpdatedAtOnly()
    {
        var card = Card("track-1", T0);
        await _store.AddAsync(card, CancellationToken.None);
        await _store.AddAsync(Card("track-2", T0), CancellationToken.None);

        await _store.UpdateContentAsync("acc", "track-1", "partial answer", T0.AddSeconds(7), CancellationToken.None);

        var cards = await _store.ListAsync("acc", CancellationToken.None);
        Assert.Equal(card with { Content = "partial answer", UpdatedAt = T0.AddSeconds(7) }, cards[0]);
        Assert.Equal(Card("track-2", T0), cards[1]);
    }

    [Fact]
    public async Task UpdateContentAsync_UnknownCard_CreatesNothing()
    {
        await _store.AddAsync(Card("track-1", T0, account: "other"), CancellationToken.None);

        await _store.UpdateContentAsync("acc", "track-1", "x", T0, CancellationToken.None);
        await _store.UpdateContentAsync("acc", "nope", "x", T0, CancellationToken.None);

        Assert.Empty(await _store.ListAsync("acc", CancellationToken.None));
        Assert.Equal([Card("track-1", T0, account: "other")], await _store.ListAsync("other", CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_CreatingCard_StateRoundTrips()
    {
        var card = Card("track-1", T0) with { State = OpenCardState.Creating, Content = string.Empty };

        await _store.AddAsync(card, CancellationToken.None);

        Assert.Equal([card], await _store.ListAsync("acc", CancellationToken.None));
    }

    [Fact]
    public async Task MarkAsync_WithContent_ChangesStateContentAndUpdatedAt()
    {
        var card = Card("track-1", T0) with { State = OpenCardState.Creating };
        await _store.AddAsync(card, CancellationToken.None);
        await _store.AddAsync(Card("track-2", T0), CancellationToken.None);

        await _store.MarkAsync("acc", "track-1", OpenCardState.DeliveredAsFailure, "the whole answer", T0.AddSeconds(9), CancellationToken.None);

        var cards = await _store.ListAsync("acc", CancellationToken.None);
        Assert.Equal(card with { State = OpenCardState.DeliveredAsFailure, Content = "the whole answer", UpdatedAt = T0.AddSeconds(9) }, cards[0]);
        Assert.Equal(Card("track-2", T0), cards[1]);
    }

    [Fact]
    public async Task MarkAsync_NullContent_KeepsContent()
    {
        var card = Card("track-1", T0) with { State = OpenCardState.Creating, Content = "shown" };
        await _store.AddAsync(card, CancellationToken.None);

        await _store.MarkAsync("acc", "track-1", OpenCardState.Created, null, T0.AddSeconds(1), CancellationToken.None);

        Assert.Equal([card with { State = OpenCardState.Created, UpdatedAt = T0.AddSeconds(1) }], await _store.ListAsync("acc", CancellationToken.None));
    }

    [Fact]
    public async Task MarkAsync_UnknownCard_CreatesNothing()
    {
        await _store.AddAsync(Card("track-1", T0, account: "other"), CancellationToken.None);

        await _store.MarkAsync("acc", "track-1", OpenCardState.Delivered, "x", T0, CancellationToken.None);

        Assert.Empty(await _store.ListAsync("acc", CancellationToken.None));
        Assert.Equal([Card("track-1", T0, account: "other")], await _store.ListAsync("other", CancellationToken.None));
    }

    [Fact]
    public async Task Open_RowOfAnOlderSchema_ReadsAsCreated()
    {
        await using (var connection = await _database.OpenConnectionAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO open_cards (account_id, out_track_id, conversation_id, message_key, owner_user_id, content, created_at, updated_at)
                VALUES ('acc', 'old', 'cid', 'msg', NULL, 'partial', 0, 0);
                """);
        }

        Assert.Equal(OpenCardState.Created, Assert.Single(await _store.ListAsync("acc", CancellationToken.None)).State);
    }

    [Fact]
    public async Task RemoveAsync_KnownCard_RemovesOnlyThatCard()
    {
        await _store.AddAsync(Card("track-1", T0), CancellationToken.None);
        await _store.AddAsync(Card("track-2", T0.AddSeconds(1)), CancellationToken.None);
        await _store.AddAsync(Card("track-1", T0, account: "other"), CancellationToken.None);

        await _store.RemoveAsync("acc", "track-1", CancellationToken.None);

        Assert.Equal([Card("track-2", T0.AddSeconds(1))], await _store.ListAsync("acc", CancellationToken.None));
        Assert.Single(await _store.ListAsync("other", CancellationToken.None));
    }

    [Fact]
    public async Task RemoveAsync_UnknownOrTwice_NoOp()
    {
        await _store.AddAsync(Card("track-1", T0), CancellationToken.None);

        await _store.RemoveAsync("acc", "nope", CancellationToken.None);
        await _store.RemoveAsync("other", "track-1", CancellationToken.None);
        await _store.RemoveAsync("acc", "track-1", CancellationToken.None);
        await _store.RemoveAsync("acc", "track-1", CancellationToken.None);

        Assert.Empty(await _store.ListAsync("acc", CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_MixedCreationTimes_OldestFirstTiesInInsertionOrder()
    {
        await _store.AddAsync(Card("late", T0.AddMinutes(3)), CancellationToken.None);
        await _store.AddAsync(Card("tie-b", T0.AddMinutes(1)), CancellationToken.None);
        await _store.AddAsync(Card("early", T0), CancellationToken.None);
        await _store.AddAsync(Card("tie-a", T0.AddMinutes(1)), CancellationToken.None);
        await _store.AddAsync(Card("foreign", T0, account: "b"), CancellationToken.None);

        var cards = await _store.ListAsync("acc", CancellationToken.None);

        Assert.Equal(["early", "tie-b", "tie-a", "late"], cards.Select(c => c.OutTrackId));
    }

    [Fact]
    public async Task Reopen_AfterAddAndUpdate_CardSurvives()
    {
        await _store.AddAsync(Card("track-1", T0), CancellationToken.None);
        await _store.UpdateContentAsync("acc", "track-1", "half an answer", T0.AddSeconds(3), CancellationToken.None);
        _database.Dispose();

        using var reopened = _directory.Open();

        Assert.Equal(
            [Card("track-1", T0) with { Content = "half an answer", UpdatedAt = T0.AddSeconds(3) }],
            await new SqliteOpenCardStore(reopened).ListAsync("acc", CancellationToken.None));
    }

    [Fact]
    public async Task Open_VersionOneDatabase_AddsOpenCardsAndKeepsJournal()
    {
        var path = Path.Combine(_directory.Path, "v1");
        Directory.CreateDirectory(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(path, SqliteDatabase.FileName),
            Pooling = false,
        }.ToString();
        await using (var v1 = new SqliteConnection(connectionString))
        {
            await v1.OpenAsync();
            await v1.ExecuteAsync("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL);");
            await v1.ExecuteAsync(SqliteMigrations.Steps[0]);
            await v1.ExecuteAsync("INSERT INTO schema_version (version, applied_at) VALUES (1, 0);");
            await v1.ExecuteAsync(
                """
                INSERT INTO inbound_journal (account_id, message_key, topic, payload, received_at, state, updated_at)
                VALUES ('acc', 'msg-1', '/v1.0/im/bot/messages/get', '{}', 0, 0, 0);
                """);
        }

        using var upgraded = SqliteDatabase.Open(path, TimeProvider.System);
        var store = new SqliteOpenCardStore(upgraded);
        await store.AddAsync(Card("track-1", T0), CancellationToken.None);

        Assert.Equal([Card("track-1", T0)], await store.ListAsync("acc", CancellationToken.None));
        Assert.NotNull(await new SqliteInboundJournal(upgraded).FindAsync("acc", "msg-1", CancellationToken.None));
        await using var connection = await upgraded.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(
            Enumerable.Range(1, SqliteMigrations.Steps.Count).Select(v => (long)v),
            await connection.QueryAsync<long>("SELECT version FROM schema_version ORDER BY version;"));
    }
}
