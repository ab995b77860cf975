using DingGate.Core.Storage;

namespace DingGate.Storage.Tests.Contracts;

// Leases on reply outbox entries (issue 17): one replica sends an entry at a time, a live replica's send is never
// settled by another's recovery, and what a dead replica left is taken over.
public abstract class ReplyOutboxLeaseContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly StorageBackend _backend;
    private readonly StoreSet _database;
    private readonly IReplyOutbox _store;

    protected ReplyOutboxLeaseContract(StorageBackend backend)
    {
        _backend = backend;
        _database = backend.Open();
        _store = _database.Outbox;
    }

    public void Dispose()
    {
        _database.Dispose();
        _backend.Dispose();
    }

    private static OutboxEntry Entry(string key, string? owner, DateTimeOffset? until) => new()
    {
        AccountId = "acc",
        MessageKey = key,
        ConversationId = "cid-1",
        Parts = [new OutboxPart("t", "answer " + key)],
        CreatedAt = T0,
        LeaseOwner = owner,
        LeaseUntil = until,
    };

    // An entry whose inline send failed: Pending and due at T0.
    private async Task<long> PendingAsync(string key, string? owner, DateTimeOffset? until)
    {
        var id = await _store.AddAsync(Entry(key, owner, until), CancellationToken.None);
        await _store.RecordAttemptAsync(id, new OutboxAttempt(T0, "webhook", "failed", "HTTP 503"), OutboxState.Pending, T0, CancellationToken.None);
        return id;
    }

    [Fact]
    public async Task Add_WithLease_FindReturnsOwnerAndUntil()
    {
        var id = await _store.AddAsync(Entry("m1", "replica-a", T0 + Lease), CancellationToken.None);

        var found = await _store.FindAsync(id, CancellationToken.None);

        Assert.Equal(("replica-a", T0 + Lease), (found!.LeaseOwner, found.LeaseUntil));
    }

    [Fact]
    public async Task ClaimDue_SkipsAnotherLiveReplicasEntries_TakesExpiredUnleasedAndOwn()
    {
        var live = await PendingAsync("live", "replica-a", T0 + Lease);
        var dead = await PendingAsync("dead", "replica-b", T0.AddSeconds(5));
        var unleased = await PendingAsync("unleased", null, null);
        var own = await PendingAsync("own", "replica-c", T0 + Lease);
        var now = T0.AddSeconds(10);

        var claimed = await _store.ClaimDueAsync("acc", "replica-c", now, now + Lease, 10, CancellationToken.None);

        Assert.Equal([dead, unleased, own], claimed.Select(e => e.Id));
        Assert.All(claimed, e => Assert.Equal("replica-c", e.LeaseOwner));
        Assert.Equal([live], (await _store.ClaimDueAsync("acc", "replica-a", now, now + Lease, 10, CancellationToken.None)).Select(e => e.Id));
        Assert.Empty(await _store.ClaimDueAsync("acc", "replica-d", now, now + Lease, 10, CancellationToken.None));
    }

    [Fact]
    public async Task RenewLeases_KeepsTheOwnersEntriesFromBeingClaimed()
    {
        await PendingAsync("a", "replica-a", T0.AddSeconds(5));

        Assert.Equal(1, await _store.RenewLeasesAsync("replica-a", T0, T0.AddSeconds(40), CancellationToken.None));

        var now = T0.AddSeconds(10);
        Assert.Empty(await _store.ClaimDueAsync("acc", "replica-b", now, now + Lease, 10, CancellationToken.None));
    }

    [Fact]
    public async Task RenewLeases_NeverRevivesALeaseThatRanOut()
    {
        var stalled = await _store.AddAsync(Entry("stalled", "replica-a", T0.AddSeconds(5)), CancellationToken.None);
        var now = T0.AddSeconds(10);

        Assert.Equal(0, await _store.RenewLeasesAsync("replica-a", now, now + Lease, CancellationToken.None));

        Assert.Equal(T0.AddSeconds(5), (await _store.FindAsync(stalled, CancellationToken.None))!.LeaseUntil);
        Assert.Equal(OutboxPartStart.LeaseLost, await _store.BeginLeasedPartAsync(stalled, 0, now, "replica-a", CancellationToken.None));
    }

    // The fence before each part (issue 17): the part goes in flight only while the sender holds the entry (and, for an
    // interim note, no other replica took over the message); otherwise nothing goes in flight.
    [Fact]
    public async Task BeginLeasedPart_OnlyWhileTheOwnerHoldsTheEntryAndTheMessage()
    {
        var held = await _store.AddAsync(Entry("held", "replica-a", T0 + Lease), CancellationToken.None);
        var expired = await _store.AddAsync(Entry("expired", "replica-a", T0.AddSeconds(5)), CancellationToken.None);
        var claimedByB = await _store.AddAsync(Entry("claimed", "replica-a", T0 + Lease), CancellationToken.None);
        var answerOfMessageTaken = await _store.AddAsync(Entry("message-taken", "replica-a", T0 + Lease), CancellationToken.None);
        var messageMine = await _store.AddAsync(Entry("message-mine", "replica-a", T0 + Lease), CancellationToken.None);
        var dropped = await _store.AddAsync(Entry("dropped", "replica-a", T0 + Lease), CancellationToken.None);
        await _store.DropAsync(dropped, T0, CancellationToken.None);
        await _database.ExecuteAsync($"UPDATE reply_outbox SET lease_owner = 'replica-b' WHERE id = {claimedByB}");
        await _database.Journal.AppendAsync(Journal("message-taken", "replica-b"), CancellationToken.None);
        await _database.Journal.AppendAsync(Journal("message-mine", "replica-a"), CancellationToken.None);
        var now = T0.AddSeconds(10);

        Assert.Equal(OutboxPartStart.Begun, await _store.BeginLeasedPartAsync(held, 0, now, "replica-a", CancellationToken.None));
        Assert.Equal(OutboxPartStart.LeaseLost, await _store.BeginLeasedPartAsync(expired, 0, now, "replica-a", CancellationToken.None));
        Assert.Equal(OutboxPartStart.LeaseLost, await _store.BeginLeasedPartAsync(claimedByB, 0, now, "replica-a", CancellationToken.None));
        Assert.Equal(OutboxPartStart.Begun, await _store.BeginLeasedPartAsync(answerOfMessageTaken, 0, now, "replica-a", CancellationToken.None));
        Assert.Equal(OutboxPartStart.Begun, await _store.BeginLeasedPartAsync(messageMine, 0, now, "replica-a", CancellationToken.None));
        Assert.Equal(OutboxPartStart.Gone, await _store.BeginLeasedPartAsync(dropped, 0, now, "replica-a", CancellationToken.None));
        Assert.Equal(OutboxPartStart.Gone, await _store.BeginLeasedPartAsync(999_999, 0, now, "replica-a", CancellationToken.None));

        Assert.Equal((OutboxState.Sending, (int?)0), await StateAsync(held));
        Assert.Equal((OutboxState.Sending, (int?)null), await StateAsync(expired));
        Assert.Equal((OutboxState.Sending, (int?)null), await StateAsync(claimedByB));
        Assert.Equal(("replica-b", T0 + Lease), await LeaseAsync(claimedByB)); // not the refused caller's to hand over
    }

    [Fact]
    public async Task BeginLeasedPart_EntryAnotherReplicaTookOverAndDelivered_IsLeaseLost_AndReleasesTheMessage()
    {
        var delivered = await _store.AddAsync(Entry("m", "replica-b", T0 + Lease), CancellationToken.None);
        await _database.Journal.AppendAsync(Journal("m", "replica-a"), CancellationToken.None);
        await _store.PartDeliveredAsync(delivered, 0, T0, CancellationToken.None);

        Assert.Equal(OutboxPartStart.LeaseLost, await _store.BeginLeasedPartAsync(delivered, 0, T0.AddSeconds(1), "replica-a", CancellationToken.None));
        Assert.Equal(OutboxPartStart.Gone, await _store.BeginLeasedPartAsync(delivered, 0, T0.AddSeconds(1), "replica-b", CancellationToken.None));

        Assert.Null((await _database.Journal.FindAsync("acc", "m", CancellationToken.None))!.LeaseOwner);
        Assert.Equal((OutboxState.Delivered, (int?)null), await StateAsync(delivered));
    }

    [Fact]
    public async Task BeginLeasedPart_EntryClaimedByAnother_ReleasesTheMessageTheCallerStillHolds()
    {
        var claimed = await _store.AddAsync(Entry("m", "replica-a", T0 + Lease), CancellationToken.None);
        await _database.Journal.AppendAsync(Journal("m", "replica-a"), CancellationToken.None);
        await _database.ExecuteAsync($"UPDATE reply_outbox SET lease_owner = 'replica-b' WHERE id = {claimed}");

        Assert.Equal(OutboxPartStart.LeaseLost, await _store.BeginLeasedPartAsync(claimed, 0, T0.AddSeconds(1), "replica-a", CancellationToken.None));

        Assert.Null((await _database.Journal.FindAsync("acc", "m", CancellationToken.None))!.LeaseOwner);
        Assert.Equal(("replica-b", T0 + Lease), await LeaseAsync(claimed));
    }

    // Refused, the caller's entry is handed over in the same write: its lease ends (no renewal revives it) so the next
    // takeover settles it and one replica sends it; the message, when no other replica holds it, is released for a takeover.
    [Fact]
    public async Task BeginLeasedPart_Refused_HandsTheEntryOver_AndReleasesAMessageNobodyElseHolds()
    {
        var expired = await _store.AddAsync(Entry("expired", "replica-a", T0.AddSeconds(5)), CancellationToken.None);
        await _database.Journal.AppendAsync(Journal("expired", "replica-a"), CancellationToken.None);
        var now = T0.AddSeconds(10);

        Assert.Equal(OutboxPartStart.LeaseLost, await _store.BeginLeasedPartAsync(expired, 0, now, "replica-a", CancellationToken.None));

        Assert.Equal(0, await _store.RenewLeasesAsync("replica-a", now, now + Lease, CancellationToken.None));
        var released = (await _database.Journal.FindAsync("acc", "expired", CancellationToken.None))!;
        Assert.Equal((null, null), (released.LeaseOwner, released.LeaseUntil));
        Assert.Equal(1, await _store.RecoverExpiredAsync("acc", "replica-b", now, now + Lease, includeOwn: false, CancellationToken.None));
        Assert.Equal([expired], (await _store.ClaimDueAsync("acc", "replica-b", now, now + Lease, 10, CancellationToken.None)).Select(e => e.Id));
    }

    [Fact]
    public async Task BeginLeasedPart_AnInterimNoteOfAMessageAnotherReplicaTookOver_IsDropped()
    {
        var note = await _store.AddAsync(Entry("taken", "replica-a", T0 + Lease) with { Final = false }, CancellationToken.None);
        await _database.Journal.AppendAsync(Journal("taken", "replica-b"), CancellationToken.None);

        Assert.Equal(OutboxPartStart.LeaseLost, await _store.BeginLeasedPartAsync(note, 0, T0.AddSeconds(1), "replica-a", CancellationToken.None));

        Assert.Equal((OutboxState.Dropped, (int?)null), await StateAsync(note));
    }

    [Fact]
    public async Task AddLeased_RefusedWhenAnotherReplicaHoldsOrAnsweredTheMessage_NothingWritten()
    {
        await _database.Journal.AppendAsync(Journal("taken", "replica-b"), CancellationToken.None);
        await _database.Journal.AppendAsync(Journal("mine", "replica-a"), CancellationToken.None);
        await _database.Journal.AppendAsync(Journal("answered-by-b", "replica-b"), CancellationToken.None);
        await _database.Journal.MarkAsync("acc", "answered-by-b", InboundState.Answered, null, CancellationToken.None);

        Assert.Null(await _store.AddLeasedAsync(Entry("taken", "replica-a", T0 + Lease), CancellationToken.None));
        Assert.NotNull(await _store.AddLeasedAsync(Entry("mine", "replica-a", T0 + Lease), CancellationToken.None));
        Assert.Null(await _store.AddLeasedAsync(Entry("answered-by-b", "replica-a", T0 + Lease), CancellationToken.None));
        Assert.NotNull(await _store.AddLeasedAsync(Entry("not-journaled", "replica-a", T0 + Lease), CancellationToken.None));

        Assert.Null(await _store.FindAnswerAsync("acc", "taken", CancellationToken.None));
    }

    [Fact]
    public async Task BeginLeasedPart_AFinishedJournalEntryOfAnotherReplicaDoesNotStopTheOutboxOwner()
    {
        // A dead replica answered the message (its entry closed) and left the reply pending: the replica that claimed the
        // outbox entry sends it.
        var pending = await PendingAsync("answered", "replica-c", T0 + Lease);
        await _database.Journal.AppendAsync(Journal("answered", "replica-a"), CancellationToken.None);
        await _database.Journal.MarkAsync("acc", "answered", InboundState.Answered, null, CancellationToken.None);

        Assert.Equal(OutboxPartStart.Begun, await _store.BeginLeasedPartAsync(pending, 0, T0.AddSeconds(1), "replica-c", CancellationToken.None));
    }

    private async Task<(string?, DateTimeOffset?)> LeaseAsync(long id) =>
        (await _store.FindAsync(id, CancellationToken.None)) is { } e ? (e.LeaseOwner, e.LeaseUntil) : throw new InvalidOperationException("gone");

    private static InboundJournalEntry Journal(string key, string owner) =>
        new("acc", key, "/v1.0/im/bot/messages/get", "{}", T0, LeaseOwner: owner, LeaseUntil: T0 + Lease, Lane: "conversation:cid-1");

    [Fact]
    public async Task ReleaseLeases_LetsAnotherReplicaClaimTheOwnersEntriesAtOnce()
    {
        var mine = await PendingAsync("mine", "replica-a", T0 + Lease);
        var theirs = await PendingAsync("theirs", "replica-b", T0 + Lease);

        Assert.Equal(1, await _store.ReleaseLeasesAsync("acc", "replica-a", CancellationToken.None));
        Assert.Equal(0, await _store.ReleaseLeasesAsync("other", "replica-b", CancellationToken.None));

        var now = T0.AddSeconds(1); // both leases still run
        Assert.Equal([mine], (await _store.ClaimDueAsync("acc", "replica-c", now, now + Lease, 10, CancellationToken.None)).Select(e => e.Id));
        Assert.Equal("replica-b", (await _store.FindAsync(theirs, CancellationToken.None))!.LeaseOwner);
    }

    [Fact]
    public async Task RecoverExpired_SettlesOnlyDeadReplicasSends_AndTakesThem()
    {
        var liveMidCall = await _store.AddAsync(Entry("live", "replica-a", T0 + Lease), CancellationToken.None);
        await _store.BeginPartAsync(liveMidCall, 0, T0, CancellationToken.None);
        var deadMidCall = await _store.AddAsync(Entry("dead-in-flight", "replica-b", T0.AddSeconds(5)), CancellationToken.None);
        await _store.BeginPartAsync(deadMidCall, 0, T0, CancellationToken.None);
        var deadBeforeCall = await _store.AddAsync(Entry("dead-unsent", "replica-b", T0.AddSeconds(5)), CancellationToken.None);
        var now = T0.AddSeconds(10);

        Assert.Equal(2, await _store.RecoverExpiredAsync("acc", "replica-c", now, now + Lease, includeOwn: false, CancellationToken.None));

        Assert.Equal((OutboxState.Sending, 0), await StateAsync(liveMidCall));
        Assert.Equal((OutboxState.Ambiguous, (int?)0), await StateAsync(deadMidCall));
        var pending = (await _store.FindAsync(deadBeforeCall, CancellationToken.None))!;
        Assert.Equal((OutboxState.Pending, "replica-c"), (pending.State, pending.LeaseOwner));
        Assert.Equal([deadBeforeCall], (await _store.ClaimDueAsync("acc", "replica-c", now, now + Lease, 10, CancellationToken.None)).Select(e => e.Id));
    }

    [Fact]
    public async Task RecoverExpired_IncludeOwn_SettlesOwnSendsLeftByTheLastRun()
    {
        var own = await _store.AddAsync(Entry("own", "replica-a", T0 + Lease), CancellationToken.None);

        Assert.Equal(0, await _store.RecoverExpiredAsync("acc", "replica-a", T0, T0 + Lease, includeOwn: false, CancellationToken.None));
        Assert.Equal(1, await _store.RecoverExpiredAsync("acc", "replica-a", T0, T0 + Lease, includeOwn: true, CancellationToken.None));
        Assert.Equal((OutboxState.Pending, (int?)null), await StateAsync(own));
    }

    private async Task<(OutboxState, int?)> StateAsync(long id) =>
        (await _store.FindAsync(id, CancellationToken.None)) is { } e ? (e.State, e.InFlightPart) : throw new InvalidOperationException("gone");
}
