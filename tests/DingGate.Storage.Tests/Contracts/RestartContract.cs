using DingGate.Core.Storage;

namespace DingGate.Storage.Tests.Contracts;

// The "restart" guarantee: new stores on the same storage (a new SqliteDatabase on the same file, a new PostgreSQL data source) (the old one closed) sees everything committed.
public abstract class RestartContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly StorageBackend _directory;

    protected RestartContract(StorageBackend backend)
    {
        _directory = backend;
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Reopen_AfterWrites_JournalDedupAndPairingSurvive()
    {
        var entry = new InboundJournalEntry("acc", "msg-1", "/v1.0/im/bot/messages/get", "{}", T0);
        var request = new PairingRequest("acc", "ABCD2345", "u1", "Nick", "cid", T0, T0.AddHours(1));
        using (var first = _directory.Open())
        {
            await first.Journal.AppendAsync(entry, CancellationToken.None);
            await first.Journal.MarkAsync("acc", "msg-1", InboundState.Processing, "started", CancellationToken.None);
            await first.Dedup.TryMarkSeenAsync("acc", "msg-1", T0, T0.AddHours(24), CancellationToken.None);
            await first.Pairing.AddPendingAsync(request, CancellationToken.None);
            await first.Pairing.ApproveAsync("acc", "u9", T0, CancellationToken.None);
        }

        using var second = _directory.Open();
        var journal = second.Journal;
        var pairing = second.Pairing;

        Assert.False(await journal.AppendAsync(entry, CancellationToken.None));
        Assert.Equal(
            [entry with { State = InboundState.Processing, Attempts = 1, Detail = "started" }],
            await journal.ListUnfinishedAsync("acc", CancellationToken.None));
        Assert.False(await second.Dedup.TryMarkSeenAsync("acc", "msg-1", T0.AddHours(1), T0.AddHours(25), CancellationToken.None));
        Assert.Equal([request], await pairing.ListPendingAsync("acc", T0, CancellationToken.None));
        Assert.True(await pairing.IsApprovedAsync("acc", "u9", CancellationToken.None));
    }
}
