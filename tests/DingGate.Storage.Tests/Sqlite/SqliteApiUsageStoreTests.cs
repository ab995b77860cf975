using DingGate.Storage.Sqlite;

namespace DingGate.Storage.Tests.Sqlite;

public sealed class SqliteApiUsageStoreTests : IDisposable
{
    private readonly TempStateDirectory _directory = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteApiUsageStore _store;

    public SqliteApiUsageStoreTests()
    {
        _database = _directory.Open();
        _store = new SqliteApiUsageStore(_database);
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

        Assert.Equal(42, await new SqliteApiUsageStore(reopened).GetAsync("main", 202611, CancellationToken.None));
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
