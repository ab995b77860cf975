using DingGate.Core.Scheduling;

namespace DingGate.Storage.Tests.Contracts;

public abstract class ScheduledJobStoreContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);

    private readonly StorageBackend _directory;
    private readonly StoreSet _database;
    private readonly IScheduledJobStore _store;

    protected ScheduledJobStoreContract(StorageBackend backend)
    {
        _directory = backend;
        _database = _directory.Open();
        _store = _database.Jobs;
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    private static ScheduledJob Job(string id = "job1", string creator = "user001", string? cron = null, DateTimeOffset? next = null) => new()
    {
        Id = id,
        AccountId = "acc",
        Target = "user:" + creator,
        Creator = creator,
        Kind = ScheduledJobKind.Message,
        Text = "喝水提醒",
        At = cron is null ? next ?? T0.AddMinutes(2) : null,
        Cron = cron,
        TimeZone = "Asia/Shanghai",
        NextOccurrence = next ?? T0.AddMinutes(2),
        CreatedAt = T0,
    };

    [Fact]
    public async Task Add_ThenFind_RoundTripsEveryField()
    {
        Assert.Equal(JobAddResult.Added, await _store.AddAsync(Job(cron: "0 9 * * *"), 50, CancellationToken.None));

        var found = await _store.FindAsync("job1", CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(Job(cron: "0 9 * * *"), found);
    }

    [Fact]
    public async Task Add_RefusesTheSameIdAndMoreThanTheLimitPerCreator()
    {
        Assert.Equal(JobAddResult.Added, await _store.AddAsync(Job("a"), 2, CancellationToken.None));
        Assert.Equal(JobAddResult.IdTaken, await _store.AddAsync(Job("a"), 2, CancellationToken.None));
        Assert.Equal(JobAddResult.Added, await _store.AddAsync(Job("b"), 2, CancellationToken.None));
        Assert.Equal(JobAddResult.LimitReached, await _store.AddAsync(Job("c"), 2, CancellationToken.None));
        Assert.Equal(JobAddResult.Added, await _store.AddAsync(Job("d", creator: "user002"), 2, CancellationToken.None));

        // A removed job no longer counts.
        Assert.True(await _store.RemoveAsync("a", T0, CancellationToken.None));
        Assert.Equal(JobAddResult.Added, await _store.AddAsync(Job("c"), 2, CancellationToken.None));
    }

    [Fact]
    public async Task Claim_IsOnlyOncePerOccurrence_AndMovesTheJobToItsNextOne()
    {
        await _store.AddAsync(Job(cron: "*/5 * * * *", next: T0.AddMinutes(5)), 50, CancellationToken.None);

        Assert.Empty(await _store.ListDueAsync(T0, CancellationToken.None));
        Assert.Single(await _store.ListDueAsync(T0.AddMinutes(5), CancellationToken.None));
        var first = await _store.ClaimAsync("job1", T0.AddMinutes(5), T0.AddMinutes(10), OccurrenceState.Claimed, false, null, T0.AddMinutes(5), CancellationToken.None);
        var second = await _store.ClaimAsync("job1", T0.AddMinutes(5), T0.AddMinutes(10), OccurrenceState.Claimed, false, null, T0.AddMinutes(5), CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(T0.AddMinutes(10), (await _store.FindAsync("job1", CancellationToken.None))!.NextOccurrence);
        Assert.Empty(await _store.ListDueAsync(T0.AddMinutes(5), CancellationToken.None));
        var claimed = Assert.Single(await _store.ListClaimedAsync(T0.AddMinutes(5), CancellationToken.None));
        Assert.Equal(T0.AddMinutes(5), claimed.DueAt);
        Assert.Equal(OccurrenceState.Claimed, claimed.State);
    }

    [Fact]
    public async Task Claim_OfAOneShotJob_CompletesIt_AndARemovedJobCannotBeClaimed()
    {
        await _store.AddAsync(Job("once"), 50, CancellationToken.None);
        await _store.AddAsync(Job("gone"), 50, CancellationToken.None);
        await _store.RemoveAsync("gone", T0, CancellationToken.None);

        Assert.True(await _store.ClaimAsync("once", T0.AddMinutes(2), null, OccurrenceState.Claimed, false, null, T0.AddMinutes(2), CancellationToken.None));
        Assert.False(await _store.ClaimAsync("gone", T0.AddMinutes(2), null, OccurrenceState.Claimed, false, null, T0.AddMinutes(2), CancellationToken.None));

        var once = await _store.FindAsync("once", CancellationToken.None);
        Assert.Equal(ScheduledJobState.Completed, once!.State);
        Assert.Null(once.NextOccurrence);
        Assert.Equal(T0.AddMinutes(2), await _store.NextDueAsync(CancellationToken.None)); // the claimed occurrence, to be sent
        Assert.Equal(["once"], (await _store.ListAsync("acc", "user001", includeRemoved: false, CancellationToken.None)).Select(j => j.Id));
        Assert.Equal(["once", "gone"], (await _store.ListAsync(null, null, includeRemoved: true, CancellationToken.None)).Select(j => j.Id));
    }

    [Fact]
    public async Task Send_ClaimedToSendingToSent_AndARetryComesBackClaimedAtItsTime()
    {
        var due = T0.AddMinutes(2);
        await _store.AddAsync(Job(), 50, CancellationToken.None);
        await _store.ClaimAsync("job1", due, null, OccurrenceState.Claimed, false, null, due, CancellationToken.None);

        Assert.True(await _store.BeginSendAsync("job1", due, due, CancellationToken.None));
        Assert.False(await _store.BeginSendAsync("job1", due, due, CancellationToken.None));
        await _store.EndSendAsync("job1", due, OccurrenceState.Claimed, due.AddSeconds(10), "HTTP 503", due, CancellationToken.None);

        Assert.Equal(due.AddSeconds(10), await _store.NextDueAsync(CancellationToken.None));
        Assert.Empty(await _store.ListClaimedAsync(due.AddSeconds(9), CancellationToken.None));
        Assert.Single(await _store.ListClaimedAsync(due.AddSeconds(10), CancellationToken.None));
        Assert.True(await _store.BeginSendAsync("job1", due, due.AddSeconds(10), CancellationToken.None));
        await _store.EndSendAsync("job1", due, OccurrenceState.Sent, null, null, due.AddSeconds(10), CancellationToken.None);

        var occurrence = Assert.Single(await _store.ListOccurrencesAsync("job1", 10, CancellationToken.None));
        Assert.Equal(OccurrenceState.Sent, occurrence.State);
        Assert.Equal(2, occurrence.Attempts);
        Assert.Equal("HTTP 503", occurrence.Detail);
        Assert.Null(await _store.NextDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RecoverInterrupted_FlagsASendInFlightAmbiguous_AndLeavesClaimedOnesToBeSent()
    {
        var due = T0.AddMinutes(2);
        await _store.AddAsync(Job("inflight"), 50, CancellationToken.None);
        await _store.AddAsync(Job("claimed"), 50, CancellationToken.None);
        await _store.ClaimAsync("inflight", due, null, OccurrenceState.Claimed, false, null, due, CancellationToken.None);
        await _store.ClaimAsync("claimed", due, null, OccurrenceState.Claimed, false, null, due, CancellationToken.None);
        await _store.BeginSendAsync("inflight", due, due, CancellationToken.None);

        var recovered = await _store.RecoverInterruptedAsync(due.AddMinutes(1), CancellationToken.None);

        Assert.Equal("inflight", Assert.Single(recovered).JobId);
        Assert.Equal(OccurrenceState.Ambiguous, (await _store.ListOccurrencesAsync("inflight", 1, CancellationToken.None))[0].State);
        Assert.Equal("claimed", Assert.Single(await _store.ListClaimedAsync(due.AddMinutes(1), CancellationToken.None)).JobId);
    }

    [Fact]
    public async Task Claim_AsSkipped_RecordsTheOccurrenceWithoutASend()
    {
        var due = T0.AddMinutes(5);
        await _store.AddAsync(Job(cron: "*/5 * * * *", next: due), 50, CancellationToken.None);

        Assert.True(await _store.ClaimAsync("job1", due, T0.AddHours(1), OccurrenceState.Skipped, true, "missed while down", T0.AddHours(1).AddMinutes(-3), CancellationToken.None));

        Assert.Empty(await _store.ListClaimedAsync(T0.AddDays(1), CancellationToken.None));
        var skipped = Assert.Single(await _store.ListOccurrencesAsync(null, 10, CancellationToken.None));
        Assert.Equal(OccurrenceState.Skipped, skipped.State);
        Assert.Equal("missed while down", skipped.Detail);
        Assert.Equal(T0.AddHours(1), await _store.NextDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Jobs_SurviveReopeningTheDatabase()
    {
        await _store.AddAsync(Job(), 50, CancellationToken.None);
        await _store.ClaimAsync("job1", T0.AddMinutes(2), null, OccurrenceState.Claimed, false, null, T0.AddMinutes(2), CancellationToken.None);
        _database.Dispose();

        using var reopened = _directory.Open();
        var store = reopened.Jobs;

        Assert.Equal(ScheduledJobState.Completed, (await store.FindAsync("job1", CancellationToken.None))!.State);
        Assert.Single(await store.ListClaimedAsync(T0.AddMinutes(2), CancellationToken.None));
    }
}
