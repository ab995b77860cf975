using DingGate.Core.Sessions;

namespace DingGate.Storage.Tests.Contracts;

public abstract class SessionStoreRetentionContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly SessionKey A = new("acc", "dm:a");
    private static readonly SessionKey B = new("acc", "group:b");

    private readonly StorageBackend _directory;
    private readonly StoreSet _database;
    private readonly ISessionStore _store;

    protected SessionStoreRetentionContract(StorageBackend backend)
    {
        _directory = backend;
        _database = _directory.Open();
        _store = _database.Sessions;
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    private Task AppendAsync(SessionKey key, string name, int day) => _store.AppendExchangeAsync(
        key, new SessionTurn(SessionTurn.User, "q" + name, T0.AddDays(day)), new SessionTurn(SessionTurn.Assistant, "a" + name, T0.AddDays(day)),
        1, 1, CancellationToken.None);

    [Fact]
    public async Task PurgeOlderThanAsync_DeletesOldMessagesOfEverySessionAndKeepsNewerOnes()
    {
        await AppendAsync(A, "1", 0);
        await AppendAsync(B, "1", 1);
        await AppendAsync(A, "2", 5);
        await AppendAsync(B, "2", 6);

        var purged = await _store.PurgeOlderThanAsync(T0.AddDays(2), 100, CancellationToken.None);

        Assert.Equal(4, purged);
        Assert.Equal(["q2", "a2"], (await _store.LoadAsync(A, 40, 24_000, CancellationToken.None)).Select(t => t.Text));
        Assert.Equal(["q2", "a2"], (await _store.LoadAsync(B, 40, 24_000, CancellationToken.None)).Select(t => t.Text));
    }

    [Fact]
    public async Task PurgeOlderThanAsync_KeepsUsageAndNextAppendContinuesTheSequence()
    {
        await AppendAsync(A, "1", 0);
        await _store.PurgeOlderThanAsync(T0.AddDays(1), 100, CancellationToken.None);
        await AppendAsync(A, "2", 2);

        var stats = await _store.GetStatsAsync(A, CancellationToken.None);
        Assert.Equal(2, stats.Messages);
        Assert.Equal(2, stats.InputTokens);
        Assert.Equal(["q2", "a2"], (await _store.LoadAsync(A, 40, 24_000, CancellationToken.None)).Select(t => t.Text));
    }

    [Fact]
    public async Task PurgeOlderThanAsync_RespectsTheBatchLimit()
    {
        for (var day = 0; day < 3; day++)
        {
            await AppendAsync(A, day.ToString(System.Globalization.CultureInfo.InvariantCulture), day);
        }

        Assert.Equal(4, await _store.PurgeOlderThanAsync(T0.AddDays(10), 4, CancellationToken.None));
        Assert.Equal(["q2", "a2"], (await _store.LoadAsync(A, 40, 24_000, CancellationToken.None)).Select(t => t.Text));
        Assert.Equal(2, await _store.PurgeOlderThanAsync(T0.AddDays(10), 4, CancellationToken.None));
    }
}
