using DingGate.Core.Storage;


namespace DingGate.Storage.Tests.Contracts;

public abstract class DedupStoreContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(24);

    private readonly StorageBackend _directory;
    private readonly StoreSet _database;
    private readonly IDedupStore _store;

    protected DedupStoreContract(StorageBackend backend)
    {
        _directory = backend;
        _database = _directory.Open();
        _store = _database.Dedup;
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    private Task<bool> MarkAsync(string key, DateTimeOffset now, string scope = "acc") =>
        _store.TryMarkSeenAsync(scope, key, now, now + Ttl, CancellationToken.None);

    [Fact]
    public async Task TryMarkSeenAsync_FirstThenAgain_TrueThenFalse()
    {
        Assert.True(await MarkAsync("m1", T0));
        Assert.False(await MarkAsync("m1", T0.AddHours(1)));
    }

    [Fact]
    public async Task TryMarkSeenAsync_SameKeyOtherScope_True()
    {
        await MarkAsync("m1", T0, scope: "a");

        Assert.True(await MarkAsync("m1", T0, scope: "b"));
    }

    [Fact]
    public async Task TryMarkSeenAsync_JustBeforeExpiry_False()
    {
        await MarkAsync("m1", T0);

        Assert.False(await MarkAsync("m1", T0 + Ttl - TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public async Task TryMarkSeenAsync_AtExpiry_TrueAndRenewsMark()
    {
        await MarkAsync("m1", T0);

        Assert.True(await MarkAsync("m1", T0 + Ttl));
        Assert.False(await MarkAsync("m1", T0 + Ttl + TimeSpan.FromHours(23)));
        Assert.True(await MarkAsync("m1", T0 + Ttl + Ttl));
    }

    [Fact]
    public async Task TryMarkSeenAsync_TwentyConcurrentSameKey_ExactlyOneTrue()
    {
        var results = await ConcurrentStart.RunAsync(20, _ => MarkAsync("m1", T0));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task PurgeExpiredAsync_MixedMarks_RemovesOnlyExpired()
    {
        await _store.TryMarkSeenAsync("acc", "old1", T0, T0.AddMinutes(1), CancellationToken.None);
        await _store.TryMarkSeenAsync("b", "old2", T0, T0.AddMinutes(2), CancellationToken.None);
        await _store.TryMarkSeenAsync("acc", "live", T0, T0.AddMinutes(10), CancellationToken.None);

        var purged = await _store.PurgeExpiredAsync(T0.AddMinutes(2), int.MaxValue, CancellationToken.None);

        Assert.Equal(2, purged);
        Assert.Equal(0, await _store.PurgeExpiredAsync(T0.AddMinutes(2), int.MaxValue, CancellationToken.None));
        Assert.False(await _store.TryMarkSeenAsync("acc", "live", T0.AddMinutes(3), T0.AddMinutes(20), CancellationToken.None));
        Assert.Equal(1, await _store.PurgeExpiredAsync(T0.AddMinutes(10), int.MaxValue, CancellationToken.None));
    }

    [Fact]
    public async Task PurgeExpiredAsync_BatchLimit_RemovesOldestExpiredFirstAndNeverLiveMarks()
    {
        for (var i = 1; i <= 5; i++)
        {
            await _store.TryMarkSeenAsync("acc", "m" + i, T0, T0.AddMinutes(i), CancellationToken.None);
        }

        Assert.Equal(2, await _store.PurgeExpiredAsync(T0.AddMinutes(4), 2, CancellationToken.None));
        Assert.True(await _store.TryMarkSeenAsync("acc", "m1", T0.AddMinutes(4), T0.AddMinutes(30), CancellationToken.None));
        Assert.Equal(2, await _store.PurgeExpiredAsync(T0.AddMinutes(4), 2, CancellationToken.None));
        Assert.Equal(0, await _store.PurgeExpiredAsync(T0.AddMinutes(4), 2, CancellationToken.None));
        Assert.False(await _store.TryMarkSeenAsync("acc", "m5", T0.AddMinutes(4), T0.AddMinutes(30), CancellationToken.None));
    }
}
