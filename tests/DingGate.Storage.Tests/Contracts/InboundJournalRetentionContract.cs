using DingGate.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Storage.Tests.Contracts;

public abstract class InboundJournalRetentionContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly StorageBackend _directory;
    private readonly FakeTimeProvider _time = new(T0);
    private readonly StoreSet _database;
    private readonly IInboundJournal _journal;

    protected InboundJournalRetentionContract(StorageBackend backend)
    {
        _directory = backend;
        _database = _directory.Open(_time);
        _journal = _database.Journal;
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    private async Task AddAsync(string key, InboundState? finalState, string account = "acc")
    {
        await _journal.AppendAsync(new InboundJournalEntry(account, key, "/v1.0/im/bot/messages/get", "{}", _time.GetUtcNow()), CancellationToken.None);
        await _journal.MarkAsync(account, key, InboundState.Processing, null, CancellationToken.None);
        if (finalState is { } state)
        {
            await _journal.MarkAsync(account, key, state, null, CancellationToken.None);
        }
    }

    private Task<InboundJournalEntry?> FindAsync(string key, string account = "acc") => _journal.FindAsync(account, key, CancellationToken.None);

    [Fact]
    public async Task PurgeFinishedAsync_DeletesOnlyFinishedEntriesFinishedBeforeTheCutoff()
    {
        await AddAsync("answered-old", InboundState.Answered);
        await AddAsync("failed-old", InboundState.Failed);
        await AddAsync("processing-old", null);
        await _journal.AppendAsync(new InboundJournalEntry("acc", "received-old", "/t", "{}", T0), CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(2));
        await AddAsync("answered-new", InboundState.Answered);

        var purged = await _journal.PurgeFinishedAsync(T0.AddDays(1), 100, CancellationToken.None);

        Assert.Equal(2, purged);
        Assert.Null(await FindAsync("answered-old"));
        Assert.Null(await FindAsync("failed-old"));
        Assert.Equal(InboundState.Processing, (await FindAsync("processing-old"))!.State);
        Assert.Equal(InboundState.Received, (await FindAsync("received-old"))!.State);
        Assert.NotNull(await FindAsync("answered-new"));
    }

    [Fact]
    public async Task PurgeFinishedAsync_CountsFromTheFinishNotTheReceipt()
    {
        await _journal.AppendAsync(new InboundJournalEntry("acc", "slow", "/t", "{}", T0), CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(3));
        await _journal.MarkAsync("acc", "slow", InboundState.Answered, null, CancellationToken.None);

        Assert.Equal(0, await _journal.PurgeFinishedAsync(T0.AddDays(2), 100, CancellationToken.None));
        Assert.Equal(1, await _journal.PurgeFinishedAsync(T0.AddDays(3), 100, CancellationToken.None));
    }

    [Fact]
    public async Task PurgeFinishedAsync_RespectsTheBatchLimitOldestFirst()
    {
        for (var i = 0; i < 5; i++)
        {
            await AddAsync("m" + i, InboundState.Answered);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(2, await _journal.PurgeFinishedAsync(_time.GetUtcNow(), 2, CancellationToken.None));
        Assert.Null(await FindAsync("m0"));
        Assert.Null(await FindAsync("m1"));
        Assert.NotNull(await FindAsync("m2"));
        Assert.Equal(2, await _journal.PurgeFinishedAsync(_time.GetUtcNow(), 2, CancellationToken.None));
        Assert.Equal(1, await _journal.PurgeFinishedAsync(_time.GetUtcNow(), 2, CancellationToken.None));
        Assert.Equal(0, await _journal.PurgeFinishedAsync(_time.GetUtcNow(), 2, CancellationToken.None));
    }

    [Fact]
    public async Task PurgeFinishedAsync_AfterPurge_TheSameKeyAppendsAgain()
    {
        await AddAsync("m", InboundState.Answered);
        _time.Advance(TimeSpan.FromDays(8));
        await _journal.PurgeFinishedAsync(_time.GetUtcNow() - TimeSpan.FromDays(7), 100, CancellationToken.None);

        Assert.True(await _journal.AppendAsync(new InboundJournalEntry("acc", "m", "/t", "{}", _time.GetUtcNow()), CancellationToken.None));
    }

    [Fact]
    public async Task ListKeysRetainedAfterAsync_ListsUnfinishedAndRecentlyFinishedOfTheAccountOnly()
    {
        await AddAsync("answered-old", InboundState.Answered);
        await AddAsync("processing-old", null);
        await AddAsync("other-account", InboundState.Answered, account: "other");
        _time.Advance(TimeSpan.FromHours(30));
        await AddAsync("answered-recent", InboundState.Answered);
        await AddAsync("failed-recent", InboundState.Failed);

        var keys = await _journal.ListKeysRetainedAfterAsync("acc", _time.GetUtcNow() - TimeSpan.FromHours(24), CancellationToken.None);

        Assert.Equal(["answered-recent", "failed-recent", "processing-old"], keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PurgeFinishedAsync_NonPositiveLimit_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _journal.PurgeFinishedAsync(T0, 0, CancellationToken.None));
    }
}
