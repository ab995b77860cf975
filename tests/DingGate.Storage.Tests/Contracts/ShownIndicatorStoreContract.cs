using DingGate.Core.Storage;

namespace DingGate.Storage.Tests.Contracts;

public abstract class ShownIndicatorStoreContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private readonly StorageBackend _directory;
    private readonly StoreSet _database;
    private readonly IShownIndicatorStore _store;

    protected ShownIndicatorStoreContract(StorageBackend backend)
    {
        _directory = backend;
        _database = _directory.Open();
        _store = _database.Indicators;
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    private static ShownIndicator Indicator(string key, DateTimeOffset at, string account = "acc") => new()
    {
        AccountId = account,
        MessageKey = key,
        ConversationId = "cid-" + key,
        MessageId = "msg-" + key,
        EmotionName = "思考中…",
        EmotionId = "2659900",
        BackgroundId = "im_bg_1",
        ShownAt = at,
    };

    [Fact]
    public async Task AddAsync_New_ListReturnsItWithAllFields()
    {
        var indicator = Indicator("k1", T0);

        await _store.AddAsync(indicator, CancellationToken.None);

        Assert.Equal([indicator], await _store.ListAsync("acc", CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_SameKeyAgain_ReplacesRecord()
    {
        await _store.AddAsync(Indicator("k1", T0), CancellationToken.None);
        var replacement = Indicator("k1", T0.AddSeconds(5)) with { EmotionName = "👀" };

        await _store.AddAsync(replacement, CancellationToken.None);

        Assert.Equal([replacement], await _store.ListAsync("acc", CancellationToken.None));
    }

    [Fact]
    public async Task RemoveAsync_RemovesOnlyThatRecord_UnknownOrTwiceIsNoOp()
    {
        await _store.AddAsync(Indicator("k1", T0), CancellationToken.None);
        await _store.AddAsync(Indicator("k2", T0.AddSeconds(1)), CancellationToken.None);
        await _store.AddAsync(Indicator("k1", T0, account: "other"), CancellationToken.None);

        await _store.RemoveAsync("acc", "k1", CancellationToken.None);
        await _store.RemoveAsync("acc", "k1", CancellationToken.None);
        await _store.RemoveAsync("acc", "nope", CancellationToken.None);

        Assert.Equal([Indicator("k2", T0.AddSeconds(1))], await _store.ListAsync("acc", CancellationToken.None));
        Assert.Equal([Indicator("k1", T0, account: "other")], await _store.ListAsync("other", CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_OldestFirst_OnlyTheAccount()
    {
        await _store.AddAsync(Indicator("late", T0.AddMinutes(2)), CancellationToken.None);
        await _store.AddAsync(Indicator("early", T0), CancellationToken.None);
        await _store.AddAsync(Indicator("foreign", T0, account: "b"), CancellationToken.None);

        Assert.Equal(["early", "late"], (await _store.ListAsync("acc", CancellationToken.None)).Select(i => i.MessageKey));
    }

    [Fact]
    public async Task Reopen_RecordSurvives()
    {
        await _store.AddAsync(Indicator("k1", T0), CancellationToken.None);
        _database.Dispose();

        using var reopened = _directory.Open();

        Assert.Equal([Indicator("k1", T0)], await reopened.Indicators.ListAsync("acc", CancellationToken.None));
    }
}
