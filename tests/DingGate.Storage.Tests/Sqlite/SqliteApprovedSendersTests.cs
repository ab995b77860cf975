using DingGate.Storage.Sqlite;

namespace DingGate.Storage.Tests.Sqlite;

public sealed class SqliteApprovedSendersTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly TempStateDirectory _directory = new();

    [Fact]
    public async Task CountByAccountAsync_NoDatabase_NullAndNothingCreated()
    {
        var counts = await SqliteApprovedSenders.CountByAccountAsync(_directory.Path, CancellationToken.None);

        Assert.Null(counts);
        Assert.False(File.Exists(_directory.DatabaseFile));
    }

    [Fact]
    public async Task CountByAccountAsync_Approvals_CountedPerAccount()
    {
        using (var database = _directory.Open())
        {
            var store = new SqlitePairingStore(database);
            await store.ApproveAsync("main", "u1", T0, CancellationToken.None);
            await store.ApproveAsync("main", "u2", T0, CancellationToken.None);
            await store.ApproveAsync("ops", "u3", T0, CancellationToken.None);
        }

        var counts = await SqliteApprovedSenders.CountByAccountAsync(_directory.Path, CancellationToken.None);

        Assert.Equal(new Dictionary<string, int> { ["main"] = 2, ["ops"] = 1 }, counts);
    }

    [Fact]
    public async Task CountByAccountAsync_NotADatabase_StorageExceptionNamingTheFile()
    {
        await File.WriteAllTextAsync(_directory.DatabaseFile, "this is not a database, just text long enough to be read as a header");

        var error = await Assert.ThrowsAsync<SqliteStorageException>(() => SqliteApprovedSenders.CountByAccountAsync(_directory.Path, CancellationToken.None));

        Assert.Contains(_directory.DatabaseFile, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
