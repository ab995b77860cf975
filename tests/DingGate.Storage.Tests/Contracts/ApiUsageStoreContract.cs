using DingGate.Core.Storage;

namespace DingGate.Storage.Tests.Contracts;

public abstract class ApiUsageStoreContract : IDisposable
{
    private readonly StorageBackend _directory;
    private readonly StoreSet _database;
    private readonly IApiUsageStore _store;

    protected ApiUsageStoreContract(StorageBackend backend)
    {
        _directory = backend;
        _database = _directory.Open();
        _store = _database.ApiUsage;
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task GetAsync_Nothing_Zero()
    {
        Assert.Equal(0, await _store.GetAsync("main", 202611, CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_Twice_Accumulates_PerAccountAndMonth()
    {
        await _store.AddAsync("main", 202611, 120, CancellationToken.None);
        await _store.AddAsync("main", 202611, 5, CancellationToken.None);
        await _store.AddAsync("main", 202612, 7, CancellationToken.None);
        await _store.AddAsync("sales", 202611, 1, CancellationToken.None);

        Assert.Equal(125, await _store.GetAsync("main", 202611, CancellationToken.None));
        Assert.Equal(7, await _store.GetAsync("main", 202612, CancellationToken.None));
        Assert.Equal(1, await _store.GetAsync("sales", 202611, CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_ReopenedDatabase_CountKept()
    {
        await _store.AddAsync("main", 202611, 42, CancellationToken.None);
        _database.Dispose();

        using var reopened = _directory.Open();

        Assert.Equal(42, await reopened.ApiUsage.GetAsync("main", 202611, CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_Negative_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.AddAsync("main", 202611, -1, CancellationToken.None));
    }

    [Fact]
    public async Task Billed_CountedApartFromAllCalls_PerAccountAndMonth()
    {
        await _store.AddAsync("main", 202612, 10, CancellationToken.None);
        await _store.AddBilledAsync("main", 202612, 4, CancellationToken.None);
        await _store.AddBilledAsync("main", 202612, 3, CancellationToken.None);
        await _store.AddBilledAsync("sales", 202612, 1, CancellationToken.None);

        Assert.Equal(10, await _store.GetAsync("main", 202612, CancellationToken.None));
        Assert.Equal(7, await _store.GetBilledAsync("main", 202612, CancellationToken.None));
        Assert.Equal(1, await _store.GetBilledAsync("sales", 202612, CancellationToken.None));
        Assert.Equal(0, await _store.GetBilledAsync("main", 202701, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimQuotaNotice_OncePerGroupMonthAndStep()
    {
        var at = DateTimeOffset.UnixEpoch;
        Assert.True(await _store.ClaimQuotaNoticeAsync("default", 202612, 1, at, CancellationToken.None));
        Assert.False(await _store.ClaimQuotaNoticeAsync("default", 202612, 1, at, CancellationToken.None));
        Assert.True(await _store.ClaimQuotaNoticeAsync("default", 202612, 2, at, CancellationToken.None));
        Assert.True(await _store.ClaimQuotaNoticeAsync("default", 202701, 1, at, CancellationToken.None));
        Assert.True(await _store.ClaimQuotaNoticeAsync("other", 202612, 1, at, CancellationToken.None));
    }
}
