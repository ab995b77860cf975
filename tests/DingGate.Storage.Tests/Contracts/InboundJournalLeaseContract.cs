using DingGate.Core.Storage;

namespace DingGate.Storage.Tests.Contracts;

// Leases on journal entries (issue 17): who works on an entry and until when, renewal, claiming what a dead replica
// left, and the arrival order of one conversation's entries across replicas.
public abstract class InboundJournalLeaseContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly StorageBackend _backend;
    private readonly StoreSet _database;
    private readonly IInboundJournal _journal;

    protected InboundJournalLeaseContract(StorageBackend backend)
    {
        _backend = backend;
        _database = backend.Open();
        _journal = _database.Journal;
    }

    public void Dispose()
    {
        _database.Dispose();
        _backend.Dispose();
    }

    private static InboundJournalEntry Entry(string key, string? owner, DateTimeOffset? until, string account = "acc", string? lane = "conversation:cid-1", int second = 0) =>
        new(account, key, "/v1.0/im/bot/messages/get", "{}", T0.AddSeconds(second), LeaseOwner: owner, LeaseUntil: until, Lane: lane);

    [Fact]
    public async Task Append_WithLease_FindReturnsOwnerUntilAndLane()
    {
        var entry = Entry("m1", "replica-a", T0 + Lease);

        await _journal.AppendAsync(entry, CancellationToken.None);

        Assert.Equal(entry, await _journal.FindAsync("acc", "m1", CancellationToken.None));
    }

    [Fact]
    public async Task ClaimExpired_TakesOnlyUnfinishedEntriesWhoseLeaseRanOut_OldestFirst()
    {
        await _journal.AppendAsync(Entry("live", "replica-a", T0 + Lease, second: 0), CancellationToken.None);
        await _journal.AppendAsync(Entry("dead-2", "replica-b", T0.AddSeconds(5), second: 2), CancellationToken.None);
        await _journal.AppendAsync(Entry("dead-1", "replica-b", T0.AddSeconds(5), second: 1), CancellationToken.None);
        await _journal.AppendAsync(Entry("no-lease", null, null, second: 3), CancellationToken.None);
        await _journal.AppendAsync(Entry("finished", "replica-b", T0.AddSeconds(5), second: 4), CancellationToken.None);
        await _journal.MarkAsync("acc", "finished", InboundState.Answered, null, CancellationToken.None);
        await _journal.AppendAsync(Entry("other-account", "replica-b", T0.AddSeconds(5), account: "other"), CancellationToken.None);
        var now = T0.AddSeconds(10);

        var claimed = await _journal.ClaimExpiredAsync("acc", "replica-c", now, now + Lease, includeOwn: false, 10, CancellationToken.None);

        Assert.Equal(["dead-1", "dead-2", "no-lease"], claimed.Select(e => e.MessageKey));
        Assert.All(claimed, e => Assert.Equal(("replica-c", now + Lease), (e.LeaseOwner, e.LeaseUntil)));
        Assert.Equal("replica-c", (await _journal.FindAsync("acc", "dead-1", CancellationToken.None))!.LeaseOwner);
        Assert.Equal("replica-a", (await _journal.FindAsync("acc", "live", CancellationToken.None))!.LeaseOwner);
        Assert.Empty(await _journal.ClaimExpiredAsync("acc", "replica-d", now, now + Lease, includeOwn: false, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimExpired_IncludeOwn_TakesBackOwnLiveEntries_AndHonoursTheLimit()
    {
        await _journal.AppendAsync(Entry("mine-1", "replica-a", T0 + Lease, second: 0), CancellationToken.None);
        await _journal.AppendAsync(Entry("mine-2", "replica-a", T0 + Lease, second: 1), CancellationToken.None);
        await _journal.AppendAsync(Entry("theirs", "replica-b", T0 + Lease, second: 2), CancellationToken.None);

        Assert.Empty(await _journal.ClaimExpiredAsync("acc", "replica-a", T0, T0 + Lease, includeOwn: false, 10, CancellationToken.None));
        var first = await _journal.ClaimExpiredAsync("acc", "replica-a", T0, T0 + Lease, includeOwn: true, 1, CancellationToken.None);

        Assert.Equal(["mine-1"], first.Select(e => e.MessageKey));
    }

    [Fact]
    public async Task ListTaken_NamesTheKeysAnotherReplicaHolds_FinishedOrNot()
    {
        await _journal.AppendAsync(Entry("mine", "replica-a", T0 + Lease), CancellationToken.None);
        await _journal.AppendAsync(Entry("taken", "replica-a", T0.AddSeconds(5), second: 1), CancellationToken.None);
        await _journal.AppendAsync(Entry("answered-by-b", "replica-b", T0 + Lease, second: 2), CancellationToken.None);
        await _journal.MarkAsync("acc", "answered-by-b", InboundState.Answered, null, CancellationToken.None);
        await _journal.AppendAsync(Entry("unleased", null, null, second: 3), CancellationToken.None);
        await _journal.AppendAsync(Entry("taken", "replica-b", T0 + Lease, account: "other"), CancellationToken.None);
        var now = T0.AddSeconds(10);
        Assert.Single(await _journal.ClaimExpiredAsync("acc", "replica-b", now, now + Lease, includeOwn: false, 1, CancellationToken.None));

        var taken = await _journal.ListTakenAsync("acc", "replica-a", ["mine", "taken", "answered-by-b", "unleased", "unknown"], CancellationToken.None);

        Assert.Equal(["answered-by-b", "taken"], taken);
        Assert.Empty(await _journal.ListTakenAsync("acc", "replica-a", [], CancellationToken.None));
    }

    [Fact]
    public async Task RenewLeases_ExtendsOnlyTheOwnersUnfinishedEntries_SoTheyAreNotClaimed()
    {
        await _journal.AppendAsync(Entry("a1", "replica-a", T0.AddSeconds(5)), CancellationToken.None);
        await _journal.AppendAsync(Entry("a2", "replica-a", T0.AddSeconds(5), second: 1), CancellationToken.None);
        await _journal.MarkAsync("acc", "a2", InboundState.Answered, null, CancellationToken.None);
        await _journal.AppendAsync(Entry("b1", "replica-b", T0.AddSeconds(5), second: 2), CancellationToken.None);

        Assert.Equal(1, await _journal.RenewLeasesAsync("replica-a", T0.AddSeconds(40), CancellationToken.None));

        var now = T0.AddSeconds(10);
        var claimed = await _journal.ClaimExpiredAsync("acc", "replica-c", now, now + Lease, includeOwn: false, 10, CancellationToken.None);
        Assert.Equal(["b1"], claimed.Select(e => e.MessageKey));
        Assert.Equal(T0.AddSeconds(40), (await _journal.FindAsync("acc", "a1", CancellationToken.None))!.LeaseUntil);
    }

    [Fact]
    public async Task ReleaseLeases_FreesOnlyTheOwnersUnfinishedEntriesOfTheAccount_ForAClaimAtOnce()
    {
        await _journal.AppendAsync(Entry("a1", "replica-a", T0 + Lease), CancellationToken.None);
        await _journal.AppendAsync(Entry("a2", "replica-a", T0 + Lease, second: 1), CancellationToken.None);
        await _journal.MarkAsync("acc", "a2", InboundState.Answered, null, CancellationToken.None);
        await _journal.AppendAsync(Entry("a-other", "replica-a", T0 + Lease, account: "other", second: 2), CancellationToken.None);
        await _journal.AppendAsync(Entry("b1", "replica-b", T0 + Lease, second: 3), CancellationToken.None);

        Assert.Equal(1, await _journal.ReleaseLeasesAsync("acc", "replica-a", CancellationToken.None));
        Assert.Equal(1, await _journal.RenewLeasesAsync("replica-a", T0.AddSeconds(40), CancellationToken.None)); // a-other only

        var now = T0.AddSeconds(1); // every lease still runs
        Assert.Equal(["a1"], (await _journal.ClaimExpiredAsync("acc", "replica-c", now, now + Lease, includeOwn: false, 10, CancellationToken.None)).Select(e => e.MessageKey));
        Assert.Equal("replica-a", (await _journal.FindAsync("other", "a-other", CancellationToken.None))!.LeaseOwner);
        Assert.Equal("replica-a", (await _journal.FindAsync("acc", "a2", CancellationToken.None))!.LeaseOwner);
    }

    [Fact]
    public async Task ClaimOne_OnlyAnExpiredUnfinishedEntry_OnlyOnce()
    {
        await _journal.AppendAsync(Entry("dead", "replica-b", T0.AddSeconds(5)), CancellationToken.None);
        await _journal.AppendAsync(Entry("live", "replica-a", T0 + Lease, second: 1), CancellationToken.None);
        var now = T0.AddSeconds(10);

        var claimed = await _journal.ClaimOneAsync("acc", "dead", "replica-c", now, now + Lease, CancellationToken.None);

        Assert.Equal(("dead", "replica-c"), (claimed!.MessageKey, claimed.LeaseOwner));
        Assert.Null(await _journal.ClaimOneAsync("acc", "dead", "replica-d", now, now + Lease, CancellationToken.None));
        Assert.Null(await _journal.ClaimOneAsync("acc", "live", "replica-d", now, now + Lease, CancellationToken.None));
        Assert.Null(await _journal.ClaimOneAsync("acc", "unknown", "replica-d", now, now + Lease, CancellationToken.None));
    }

    [Fact]
    public async Task ListEarlierInLane_UnfinishedEntriesOfTheLaneJournaledBefore_InInsertionOrder()
    {
        // Insertion order, not received_at: two replicas' clocks may disagree.
        await _journal.AppendAsync(Entry("first", "replica-a", T0 + Lease, second: 9), CancellationToken.None);
        await _journal.AppendAsync(Entry("other-lane", "replica-a", T0 + Lease, lane: "conversation:cid-2", second: 1), CancellationToken.None);
        await _journal.AppendAsync(Entry("done", "replica-a", T0 + Lease, second: 2), CancellationToken.None);
        await _journal.MarkAsync("acc", "done", InboundState.Answered, null, CancellationToken.None);
        await _journal.AppendAsync(Entry("second", "replica-b", T0 + Lease, second: 3), CancellationToken.None);
        await _journal.AppendAsync(Entry("mine", "replica-c", T0 + Lease, second: 4), CancellationToken.None);
        await _journal.AppendAsync(Entry("later", "replica-a", T0 + Lease, second: 5), CancellationToken.None);

        var earlier = await _journal.ListEarlierInLaneAsync("acc", "conversation:cid-1", "mine", 10, CancellationToken.None);

        Assert.Equal(["first", "second"], earlier.Select(e => e.MessageKey));
        Assert.Empty(await _journal.ListEarlierInLaneAsync("acc", "conversation:cid-1", "first", 10, CancellationToken.None));
    }
}
