using DingGate.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Storage.Tests.Contracts;

public abstract class InboundJournalContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly StorageBackend _directory;
    private readonly FakeTimeProvider _time = new(T0);
    private readonly StoreSet _database;
    private readonly IInboundJournal _journal;

    protected InboundJournalContract(StorageBackend backend)
    {
        _directory = backend;
        _database = _directory.Open(_time);
        _journal = _database.Journal;
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    private static InboundJournalEntry Entry(string key, DateTimeOffset receivedAt, string account = "acc", string payload = "{\"text\":1}") =>
        new(account, key, "/v1.0/im/bot/messages/get", payload, receivedAt);

    [Fact]
    public async Task AppendAsync_NewKey_ReturnsTrueAndFindReturnsEntry()
    {
        var entry = Entry("msg-1", T0);

        Assert.True(await _journal.AppendAsync(entry, CancellationToken.None));

        Assert.Equal(entry, await _journal.FindAsync("acc", "msg-1", CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_DuplicateKey_ReturnsFalseAndKeepsFirst()
    {
        var first = Entry("msg-1", T0, payload: "first");
        await _journal.AppendAsync(first, CancellationToken.None);

        var again = await _journal.AppendAsync(Entry("msg-1", T0.AddSeconds(5), payload: "second"), CancellationToken.None);

        Assert.False(again);
        Assert.Equal(first, await _journal.FindAsync("acc", "msg-1", CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_SameKeyOtherAccount_ReturnsTrue()
    {
        await _journal.AppendAsync(Entry("msg-1", T0, account: "a"), CancellationToken.None);

        Assert.True(await _journal.AppendAsync(Entry("msg-1", T0, account: "b"), CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_TwentyConcurrentSameKey_ExactlyOneTrue()
    {
        var results = await ConcurrentStart.RunAsync(
            20, i => _journal.AppendAsync(Entry("msg-1", T0, payload: $"p{i}"), CancellationToken.None));

        Assert.Single(results, r => r);
        var stored = await _journal.FindAsync("acc", "msg-1", CancellationToken.None);
        Assert.Equal($"p{Array.IndexOf(results, true)}", stored!.Payload);
    }

    [Fact]
    public async Task MarkAsync_ProcessingTwiceThenAnswered_CountsTwoAttempts()
    {
        await _journal.AppendAsync(Entry("msg-1", T0), CancellationToken.None);

        await _journal.MarkAsync("acc", "msg-1", InboundState.Processing, null, CancellationToken.None);
        await _journal.MarkAsync("acc", "msg-1", InboundState.Received, "retry after timeout", CancellationToken.None);
        await _journal.MarkAsync("acc", "msg-1", InboundState.Processing, null, CancellationToken.None);
        await _journal.MarkAsync("acc", "msg-1", InboundState.Answered, "card", CancellationToken.None);

        var entry = await _journal.FindAsync("acc", "msg-1", CancellationToken.None);
        Assert.Equal(InboundState.Answered, entry!.State);
        Assert.Equal(2, entry.Attempts);
        Assert.Equal("card", entry.Detail);
    }

    [Fact]
    public async Task MarkAsync_Failed_StoresDetailWithoutAttempt()
    {
        await _journal.AppendAsync(Entry("msg-1", T0), CancellationToken.None);

        await _journal.MarkAsync("acc", "msg-1", InboundState.Failed, "model unavailable", CancellationToken.None);

        Assert.Equal(
            Entry("msg-1", T0) with { State = InboundState.Failed, Attempts = 0, Detail = "model unavailable" },
            await _journal.FindAsync("acc", "msg-1", CancellationToken.None));
    }

    [Fact]
    public async Task MarkAsync_Any_SetsUpdatedAtFromTimeProvider()
    {
        await _journal.AppendAsync(Entry("msg-1", T0), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(90));

        await _journal.MarkAsync("acc", "msg-1", InboundState.Processing, null, CancellationToken.None);

        var updatedAt = await _database.ScalarAsync("SELECT updated_at FROM inbound_journal WHERE message_key = 'msg-1';");
        Assert.Equal(T0.AddSeconds(90).ToUnixTimeMilliseconds(), updatedAt);
    }

    [Fact]
    public async Task MarkAsync_UnknownKey_CreatesNothing()
    {
        await _journal.MarkAsync("acc", "nope", InboundState.Processing, null, CancellationToken.None);

        Assert.Null(await _journal.FindAsync("acc", "nope", CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_UnknownKey_ReturnsNull()
    {
        await _journal.AppendAsync(Entry("msg-1", T0), CancellationToken.None);

        Assert.Null(await _journal.FindAsync("other", "msg-1", CancellationToken.None));
    }

    [Fact]
    public async Task ListUnfinishedAsync_MixedStates_ReturnsReceivedAndProcessingOldestFirst()
    {
        await _journal.AppendAsync(Entry("late", T0.AddMinutes(3)), CancellationToken.None);
        await _journal.AppendAsync(Entry("answered", T0.AddMinutes(1)), CancellationToken.None);
        await _journal.AppendAsync(Entry("early", T0), CancellationToken.None);
        await _journal.AppendAsync(Entry("failed", T0.AddMinutes(2)), CancellationToken.None);
        await _journal.AppendAsync(Entry("processing", T0.AddMinutes(2)), CancellationToken.None);
        await _journal.AppendAsync(Entry("other-account", T0, account: "b"), CancellationToken.None);
        await _journal.MarkAsync("acc", "answered", InboundState.Answered, null, CancellationToken.None);
        await _journal.MarkAsync("acc", "failed", InboundState.Failed, "x", CancellationToken.None);
        await _journal.MarkAsync("acc", "processing", InboundState.Processing, null, CancellationToken.None);

        var unfinished = await _journal.ListUnfinishedAsync("acc", CancellationToken.None);

        Assert.Equal(["early", "processing", "late"], unfinished.Select(e => e.MessageKey));
        Assert.Equal([InboundState.Received, InboundState.Processing, InboundState.Received], unfinished.Select(e => e.State));
    }
    [Fact]
    public async Task GetFailuresAsync_CountsFailedEntriesOfTheAccount_LatestReasonLast()
    {
        Assert.Equal(JournalFailures.None, await _journal.GetFailuresAsync("acc", CancellationToken.None));
        foreach (var key in new[] { "a", "b", "c" })
        {
            await _journal.AppendAsync(Entry(key, T0), CancellationToken.None);
        }

        await _journal.AppendAsync(Entry("other", T0, account: "acc2"), CancellationToken.None);
        await _journal.MarkAsync("acc", "a", InboundState.Failed, "first reason", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(3));
        await _journal.MarkAsync("acc", "b", InboundState.Failed, "latest reason", CancellationToken.None);
        await _journal.MarkAsync("acc", "c", InboundState.Answered, null, CancellationToken.None);
        await _journal.MarkAsync("acc2", "other", InboundState.Failed, "elsewhere", CancellationToken.None);

        var failures = await _journal.GetFailuresAsync("acc", CancellationToken.None);

        Assert.Equal(new JournalFailures(2, T0.AddSeconds(3), "latest reason"), failures);
    }

    [Fact]
    public async Task AppendAsync_FailedWithReason_StoredAsFailedAndNotUnfinished()
    {
        await _journal.AppendAsync(Entry("big", T0) with { Payload = string.Empty, State = InboundState.Failed, Detail = "frame too large" }, CancellationToken.None);

        Assert.Empty(await _journal.ListUnfinishedAsync("acc", CancellationToken.None));
        Assert.Equal((InboundState.Failed, "frame too large"), ((await _journal.FindAsync("acc", "big", CancellationToken.None))!.State, (await _journal.FindAsync("acc", "big", CancellationToken.None))!.Detail));
    }
}
