using DingGate.Core.Cluster;

namespace DingGate.Storage.Tests.Contracts;

public abstract class ReplicaRegistryContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly StorageBackend _backend;
    private readonly StoreSet _database;
    private readonly IReplicaRegistry _registry;

    protected ReplicaRegistryContract(StorageBackend backend)
    {
        _backend = backend;
        _database = _backend.Open();
        _registry = _database.Replicas;
    }

    public void Dispose()
    {
        _database.Dispose();
        _backend.Dispose();
    }

    private static ReplicaRecord Replica(string id, DateTimeOffset heartbeat, int turns = 0, params ReplicaAccount[] accounts) => new()
    {
        Id = id,
        Host = "host-" + id,
        Pid = 4242,
        Version = "1.2.3",
        StartedAt = T0.AddMinutes(-5),
        HeartbeatAt = heartbeat,
        ExpiresAt = heartbeat + Lease,
        Accounts = accounts.Length == 0 ? [new ReplicaAccount("main", "connected")] : accounts,
        TurnsRunning = turns,
        Nonce = "nonce-" + id,
    };

    [Fact]
    public async Task UpsertAsync_New_ListLiveReturnsItWithAllFields()
    {
        var replica = Replica("r1", T0, turns: 3, new ReplicaAccount("main", "connected"), new ReplicaAccount("b", "reconnecting"));

        await _registry.UpsertAsync(replica, CancellationToken.None);

        Assert.Equal([replica], await _registry.ListLiveAsync(T0, CancellationToken.None));
    }

    // Duplicate replica ids (issue 17): the write returns the nonce the row had, so a second process with the same id is seen.
    [Fact]
    public async Task UpsertAsync_ReturnsThePreviousWritersNonce()
    {
        Assert.Null(await _registry.UpsertAsync(Replica("r1", T0) with { Nonce = "first" }, CancellationToken.None));
        Assert.Equal("first", await _registry.UpsertAsync(Replica("r1", T0.AddSeconds(10)) with { Nonce = "first" }, CancellationToken.None));
        Assert.Equal("first", await _registry.UpsertAsync(Replica("r1", T0.AddSeconds(11)) with { Nonce = "second" }, CancellationToken.None));

        Assert.Equal("second", Assert.Single(await _registry.ListLiveAsync(T0.AddSeconds(11), CancellationToken.None)).Nonce);
    }

    [Fact]
    public async Task UpsertAsync_SameIdAgain_ReplacesTheRow()
    {
        await _registry.UpsertAsync(Replica("r1", T0), CancellationToken.None);
        var next = Replica("r1", T0.AddSeconds(10), turns: 2, new ReplicaAccount("main", "retrying"));

        await _registry.UpsertAsync(next, CancellationToken.None);

        Assert.Equal([next], await _registry.ListLiveAsync(T0.AddSeconds(10), CancellationToken.None));
    }

    [Fact]
    public async Task ListLiveAsync_OnlyRowsWithinTheirLease_ById()
    {
        await _registry.UpsertAsync(Replica("zeta", T0), CancellationToken.None);
        await _registry.UpsertAsync(Replica("alpha", T0.AddSeconds(20)), CancellationToken.None);
        await _registry.UpsertAsync(Replica("dead", T0.AddMinutes(-5)), CancellationToken.None);

        Assert.Equal(["alpha", "zeta"], (await _registry.ListLiveAsync(T0.AddSeconds(29), CancellationToken.None)).Select(r => r.Id));
        // At heartbeat + lease the row is no longer live.
        Assert.Equal(["alpha"], (await _registry.ListLiveAsync(T0 + Lease, CancellationToken.None)).Select(r => r.Id));
    }

    [Fact]
    public async Task RemoveAsync_RemovesOnlyThatRow_UnknownOrTwiceIsNoOp()
    {
        await _registry.UpsertAsync(Replica("r1", T0), CancellationToken.None);
        await _registry.UpsertAsync(Replica("r2", T0), CancellationToken.None);

        await _registry.RemoveAsync("r1", CancellationToken.None);
        await _registry.RemoveAsync("r1", CancellationToken.None);
        await _registry.RemoveAsync("nope", CancellationToken.None);

        Assert.Equal(["r2"], (await _registry.ListLiveAsync(T0, CancellationToken.None)).Select(r => r.Id));
    }

    [Fact]
    public async Task PurgeAsync_RemovesRowsExpiredBeforeTheCutoff_KeepsTheRest()
    {
        await _registry.UpsertAsync(Replica("old", T0.AddHours(-2)), CancellationToken.None);
        await _registry.UpsertAsync(Replica("recent", T0.AddMinutes(-10)), CancellationToken.None);
        await _registry.UpsertAsync(Replica("live", T0), CancellationToken.None);

        var purged = await _registry.PurgeAsync(T0.AddHours(-1), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Equal(["live", "recent"], (await _registry.ListLiveAsync(T0.AddHours(-3), CancellationToken.None)).Select(r => r.Id));
    }

    [Fact]
    public async Task SecondProcess_SeesTheOthersRow_AndItsRemoval()
    {
        using var other = _backend.Open();
        await _registry.UpsertAsync(Replica("a", T0), CancellationToken.None);
        await other.Replicas.UpsertAsync(Replica("b", T0), CancellationToken.None);

        Assert.Equal(["a", "b"], (await other.Replicas.ListLiveAsync(T0, CancellationToken.None)).Select(r => r.Id));
        await other.Replicas.RemoveAsync("b", CancellationToken.None);
        Assert.Equal(["a"], (await _registry.ListLiveAsync(T0, CancellationToken.None)).Select(r => r.Id));
    }

    [Fact]
    public async Task Reopen_RowSurvives()
    {
        await _registry.UpsertAsync(Replica("r1", T0), CancellationToken.None);
        _database.Dispose();

        using var reopened = _backend.Open();

        Assert.Equal([Replica("r1", T0)], await reopened.Replicas.ListLiveAsync(T0, CancellationToken.None));
    }
}
