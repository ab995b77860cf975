using DingGate.Core.Storage;
using DingGate.Storage.Sqlite;

namespace DingGate.Storage.Tests.Sqlite;

// The "restart" guarantee: a new SqliteDatabase on the same file (the old one closed) sees everything committed.
public sealed class SqliteRestartTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly TempStateDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Reopen_AfterWrites_JournalDedupAndPairingSurvive()
    {
        var entry = new InboundJournalEntry("acc", "msg-1", "/v1.0/im/bot/messages/get", "{}", T0);
        var request = new PairingRequest("acc", "ABCD2345", "u1", "Nick", "cid", T0, T0.AddHours(1));
        using (var first = _directory.Open())
        {
            await new SqliteInboundJournal(first).AppendAsync(entry, CancellationToken.None);
            await new SqliteInboundJournal(first).MarkAsync("acc", "msg-1", InboundState.Processing, "started", CancellationToken.None);
            await new SqliteDedupStore(first).TryMarkSeenAsync("acc", "msg-1", T0, T0.AddHours(24), CancellationToken.None);
            await new SqlitePairingStore(first).AddPendingAsync(request, CancellationToken.None);
            await new SqlitePairingStore(first).ApproveAsync("acc", "u9", T0, CancellationToken.None);
        }

        using var second = _directory.Open();
        var journal = new SqliteInboundJournal(second);
        var pairing = new SqlitePairingStore(second);

        Assert.False(await journal.AppendAsync(entry, CancellationToken.None));
        Assert.Equal(
            [entry with { State = InboundState.Processing, Attempts = 1, Detail = "started" }],
            await journal.ListUnfinishedAsync("acc", CancellationToken.None));
        Assert.False(await new SqliteDedupStore(second).TryMarkSeenAsync("acc", "msg-1", T0.AddHours(1), T0.AddHours(25), CancellationToken.None));
        Assert.Equal([request], await pairing.ListPendingAsync("acc", T0, CancellationToken.None));
        Assert.True(await pairing.IsApprovedAsync("acc", "u9", CancellationToken.None));
    }
}
