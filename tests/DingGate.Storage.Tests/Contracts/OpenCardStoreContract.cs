using DingGate.Core.Storage;

namespace DingGate.Storage.Tests.Contracts;

public abstract class OpenCardStoreContract : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly StorageBackend _directory;
    private readonly StoreSet _database;
    private readonly IOpenCardStore _store;

    protected OpenCardStoreContract(StorageBackend backend)
    {
        _directory = backend;
        _database = _directory.Open();
        _store = _database.OpenCards;
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    protected static OpenCard Card(string outTrackId, DateTimeOffset createdAt, string account = "acc", string? owner = "user001") => new()
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
        await _database.ExecuteAsync(
            """
            INSERT INTO open_cards (account_id, out_track_id, conversation_id, message_key, owner_user_id, content, created_at, updated_at)
            VALUES ('acc', 'old', 'cid', 'msg', NULL, 'partial', 0, 0);
            """);

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
            await reopened.OpenCards.ListAsync("acc", CancellationToken.None));
    }
}
