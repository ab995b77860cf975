using DingGate.Core.Storage;

namespace DingGate.Storage.Tests.Contracts;

public abstract class ReplyOutboxContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly StorageBackend _directory;
    private readonly StoreSet _database;
    private readonly IReplyOutbox _store;

    protected ReplyOutboxContract(StorageBackend backend)
    {
        _directory = backend;
        _database = _directory.Open();
        _store = _database.Outbox;
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    private static OutboxEntry Entry(string key = "msg-1", string account = "acc", int parts = 2) => new()
    {
        AccountId = account,
        MessageKey = key,
        ConversationId = "cid-1",
        IsGroup = true,
        UserId = "user001",
        Webhook = "https://oapi.example/robot/sendBySession?session=s1",
        WebhookExpiresAt = T0.AddMinutes(90),
        Markdown = true,
        Parts = [.. Enumerable.Range(1, parts).Select(i => new OutboxPart($"报告 ({i}/{parts})", $"第 {i} 部分 **markdown**"))],
        CreatedAt = T0,
    };

    [Fact]
    public async Task Add_ThenFind_RoundTripsEveryFieldAndPartsInOrder()
    {
        var id = await _store.AddAsync(Entry(parts: 3), CancellationToken.None);

        var found = await _store.FindAsync(id, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(OutboxState.Sending, found.State);
        Assert.Equal(["报告 (1/3)", "报告 (2/3)", "报告 (3/3)"], found.Parts.Select(p => p.Title));
        Assert.Equal("第 2 部分 **markdown**", found.Parts[1].Text);
        Assert.True(found.IsGroup && found.Markdown && found.Final);
        Assert.Equal("user001", found.UserId);
        Assert.Equal(T0.AddMinutes(90), found.WebhookExpiresAt);
        Assert.Equal(0, found.DeliveredParts);
        Assert.Null(found.InFlightPart);
        Assert.Empty(found.History);
    }

    [Fact]
    public async Task PartDelivered_CountsPartsInOrder_LastPartMakesItDelivered()
    {
        var id = await _store.AddAsync(Entry(), CancellationToken.None);

        await _store.BeginPartAsync(id, 0, T0, CancellationToken.None);
        Assert.Equal(0, (await _store.FindAsync(id, CancellationToken.None))!.InFlightPart);
        await _store.PartDeliveredAsync(id, 0, T0, CancellationToken.None);
        var half = await _store.FindAsync(id, CancellationToken.None);
        Assert.Equal((1, OutboxState.Sending, (int?)null), (half!.DeliveredParts, half.State, half.InFlightPart));

        await _store.PartDeliveredAsync(id, 1, T0, CancellationToken.None);
        var done = await _store.FindAsync(id, CancellationToken.None);
        Assert.Equal((2, OutboxState.Delivered), (done!.DeliveredParts, done.State));
    }

    [Fact]
    public async Task RecordAttempt_KeepsHistoryAndCountsAttempts_DueListFollowsNextAttempt()
    {
        var id = await _store.AddAsync(Entry(), CancellationToken.None);

        await _store.RecordAttemptAsync(id, new OutboxAttempt(T0, "openapi", "retry", "HTTP 503"), OutboxState.Pending, T0.AddSeconds(15), CancellationToken.None);
        await _store.RecordAttemptAsync(id, new OutboxAttempt(T0.AddSeconds(15), "webhook", "retry", "HTTP 429"), OutboxState.Pending, T0.AddSeconds(45), CancellationToken.None);

        var entry = await _store.FindAsync(id, CancellationToken.None);
        Assert.Equal(2, entry!.Attempts);
        Assert.Equal("HTTP 429", entry.LastError);
        Assert.Equal([("openapi", "retry"), ("webhook", "retry")], entry.History.Select(h => (h.Path, h.Outcome)));
        Assert.Equal(T0.AddSeconds(45), await _store.NextDueAsync("acc", CancellationToken.None));
        Assert.Empty(await _store.ListDueAsync("acc", T0.AddSeconds(44), CancellationToken.None));
        Assert.Equal(id, Assert.Single(await _store.ListDueAsync("acc", T0.AddSeconds(45), CancellationToken.None)).Id);
        Assert.Empty(await _store.ListDueAsync("other", T0.AddHours(1), CancellationToken.None));
    }

    [Fact]
    public async Task RecoverInterrupted_InFlightPartIsAmbiguous_UnstartedPartIsPendingNow()
    {
        var crashedMidCall = await _store.AddAsync(Entry("a"), CancellationToken.None);
        await _store.PartDeliveredAsync(crashedMidCall, 0, T0, CancellationToken.None);
        await _store.BeginPartAsync(crashedMidCall, 1, T0, CancellationToken.None);
        var crashedBetweenParts = await _store.AddAsync(Entry("b"), CancellationToken.None);
        await _store.BeginPartAsync(crashedBetweenParts, 0, T0, CancellationToken.None);
        await _store.PartDeliveredAsync(crashedBetweenParts, 0, T0, CancellationToken.None);
        var delivered = await _store.AddAsync(Entry("c", parts: 1), CancellationToken.None);
        await _store.PartDeliveredAsync(delivered, 0, T0, CancellationToken.None);

        Assert.Equal(2, await _store.RecoverInterruptedAsync("acc", T0.AddMinutes(1), CancellationToken.None));

        var ambiguous = await _store.FindAsync(crashedMidCall, CancellationToken.None);
        Assert.Equal(OutboxState.Ambiguous, ambiguous!.State);
        Assert.Contains("part 2 of 2", ambiguous.LastError, StringComparison.Ordinal);
        var pending = Assert.Single(await _store.ListDueAsync("acc", T0.AddMinutes(1), CancellationToken.None));
        Assert.Equal((crashedBetweenParts, 1), (pending.Id, pending.DeliveredParts));
        Assert.Equal(OutboxState.Delivered, (await _store.FindAsync(delivered, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task EndPart_TakesBackOnlyThatPartsMark_ACrashThenResendsItInsteadOfHoldingIt()
    {
        var refused = await _store.AddAsync(Entry("a"), CancellationToken.None);
        await _store.BeginPartAsync(refused, 0, T0, CancellationToken.None);
        await _store.EndPartAsync(refused, 1, T0, CancellationToken.None); // not the part in flight: no change
        Assert.Equal(0, (await _store.FindAsync(refused, CancellationToken.None))!.InFlightPart);

        await _store.EndPartAsync(refused, 0, T0, CancellationToken.None);
        var unmarked = (await _store.FindAsync(refused, CancellationToken.None))!;
        Assert.Null(unmarked.InFlightPart);
        Assert.Equal(OutboxState.Sending, unmarked.State);

        Assert.Equal(1, await _store.RecoverInterruptedAsync("acc", T0.AddMinutes(1), CancellationToken.None));
        var pending = Assert.Single(await _store.ListDueAsync("acc", T0.AddMinutes(1), CancellationToken.None));
        Assert.Equal((refused, OutboxState.Pending, 0), (pending.Id, pending.State, pending.DeliveredParts));
    }

    [Fact]
    public async Task RetryAndDrop_OnlyFromTheirStates()
    {
        var id = await _store.AddAsync(Entry(), CancellationToken.None);
        await _store.RecordAttemptAsync(id, new OutboxAttempt(T0, "openapi", "failed", "invalid user"), OutboxState.Failed, null, CancellationToken.None);

        Assert.True(await _store.RetryAsync(id, T0.AddMinutes(5), CancellationToken.None));
        var retried = await _store.FindAsync(id, CancellationToken.None);
        Assert.Equal((OutboxState.Pending, 0), (retried!.State, retried.Attempts));
        Assert.Single(await _store.ListDueAsync("acc", T0, CancellationToken.None)); // due at once
        Assert.False(await _store.RetryAsync(id, T0, CancellationToken.None));
        Assert.True(await _store.DropAsync(id, T0.AddMinutes(6), CancellationToken.None));
        Assert.False(await _store.BeginPartAsync(id, 0, T0.AddMinutes(6), CancellationToken.None)); // a worker that listed it before the drop sends nothing
        Assert.Empty(await _store.ListDueAsync("acc", T0.AddHours(1), CancellationToken.None));
        Assert.False(await _store.RetryAsync(12345, T0, CancellationToken.None));

        var delivered = await _store.AddAsync(Entry("d", parts: 1), CancellationToken.None);
        await _store.PartDeliveredAsync(delivered, 0, T0, CancellationToken.None);
        Assert.False(await _store.DropAsync(delivered, T0, CancellationToken.None));
        Assert.False(await _store.RetryAsync(delivered, T0, CancellationToken.None));
    }

    [Fact]
    public async Task FindAnswerAndCount_SeeOnlyFinalAnswersAndCountByState()
    {
        await _store.AddAsync(Entry("m") with { Final = false }, CancellationToken.None);
        Assert.Null(await _store.FindAnswerAsync("acc", "m", CancellationToken.None));
        var answer = await _store.AddAsync(Entry("m"), CancellationToken.None);
        await _store.AddAsync(Entry("x", account: "other"), CancellationToken.None);

        Assert.Equal(answer, (await _store.FindAnswerAsync("acc", "m", CancellationToken.None))!.Id);
        Assert.Equal(2, (await _store.CountAsync("acc", CancellationToken.None))[OutboxState.Sending]);
        Assert.Equal(3, (await _store.CountAsync(null, CancellationToken.None))[OutboxState.Sending]);
        Assert.Single(await _store.ListAsync("other", null, CancellationToken.None));
        Assert.Empty(await _store.ListAsync(null, [OutboxState.Failed], CancellationToken.None));
    }

    [Fact]
    public async Task Purge_DeletesOldDeliveredAndDroppedOnly()
    {
        var oldDelivered = await _store.AddAsync(Entry("a", parts: 1), CancellationToken.None);
        await _store.PartDeliveredAsync(oldDelivered, 0, T0, CancellationToken.None);
        var oldDropped = await _store.AddAsync(Entry("b"), CancellationToken.None);
        await _store.RecordAttemptAsync(oldDropped, new OutboxAttempt(T0, "openapi", "retry", "503"), OutboxState.Pending, T0, CancellationToken.None);
        await _store.DropAsync(oldDropped, T0, CancellationToken.None);
        var oldFailed = await _store.AddAsync(Entry("c"), CancellationToken.None);
        await _store.RecordAttemptAsync(oldFailed, new OutboxAttempt(T0, "openapi", "failed", "400"), OutboxState.Failed, null, CancellationToken.None);
        var newDelivered = await _store.AddAsync(Entry("d", parts: 1), CancellationToken.None);
        await _store.PartDeliveredAsync(newDelivered, 0, T0.AddDays(8), CancellationToken.None);

        Assert.Equal(2, await _store.PurgeAsync(T0.AddDays(7), 100, CancellationToken.None));

        Assert.Null(await _store.FindAsync(oldDelivered, CancellationToken.None));
        Assert.Null(await _store.FindAsync(oldDropped, CancellationToken.None));
        Assert.NotNull(await _store.FindAsync(oldFailed, CancellationToken.None));
        Assert.NotNull(await _store.FindAsync(newDelivered, CancellationToken.None));
        Assert.Equal(0, await _database.ScalarAsync($"SELECT COUNT(*) FROM reply_outbox_parts WHERE outbox_id IN ({oldDelivered}, {oldDropped});"));
        Assert.Equal(0, await _database.ScalarAsync($"SELECT COUNT(*) FROM reply_outbox_attempts WHERE outbox_id IN ({oldDelivered}, {oldDropped});"));
        Assert.Equal(2, await _database.ScalarAsync($"SELECT COUNT(*) FROM reply_outbox_parts WHERE outbox_id = {oldFailed};"));
        // A fresh entry may reuse nothing of a purged one (parts and history went with it).
        var fresh = await _store.AddAsync(Entry("e", parts: 1), CancellationToken.None);
        Assert.Empty((await _store.FindAsync(fresh, CancellationToken.None))!.History);
    }

    [Fact]
    public async Task Purge_BoundedByTheLimit_OldestFirst()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var id = await _store.AddAsync(Entry("m" + i, parts: 1), CancellationToken.None);
            await _store.PartDeliveredAsync(id, 0, T0.AddMinutes(i), CancellationToken.None);
            ids.Add(id);
        }

        Assert.Equal(2, await _store.PurgeAsync(T0.AddDays(7), 2, CancellationToken.None));
        Assert.Null(await _store.FindAsync(ids[0], CancellationToken.None));
        Assert.Null(await _store.FindAsync(ids[1], CancellationToken.None));
        Assert.NotNull(await _store.FindAsync(ids[2], CancellationToken.None));
        Assert.Equal(3, await _store.PurgeAsync(T0.AddDays(7), 10, CancellationToken.None));
        Assert.Equal(0, await _store.PurgeAsync(T0.AddDays(7), 10, CancellationToken.None));
    }
}
