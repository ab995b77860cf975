using DingGate.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Storage.Tests.Sqlite;

public sealed class SqliteStorageServiceCollectionExtensionsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static readonly OpenCard Card = new()
    {
        AccountId = "acc",
        OutTrackId = "track-1",
        ConversationId = "cid",
        MessageKey = "msg-1",
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private readonly TempStateDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AddSqliteStorage_Resolved_StoresShareOneDatabaseFile()
    {
        var stateDirectory = Path.Combine(_directory.Path, "state");
        var entry = new InboundJournalEntry("acc", "msg-1", "/v1.0/im/bot/messages/get", "{}", T0);
        await using (var provider = new ServiceCollection().AddSqliteStorage(stateDirectory).BuildServiceProvider())
        {
            Assert.Same(provider.GetRequiredService<IInboundJournal>(), provider.GetRequiredService<IInboundJournal>());
            Assert.True(await provider.GetRequiredService<IInboundJournal>().AppendAsync(entry, CancellationToken.None));
            Assert.True(await provider.GetRequiredService<IDedupStore>().TryMarkSeenAsync("acc", "msg-1", T0, T0.AddHours(1), CancellationToken.None));
            await provider.GetRequiredService<IPairingStore>().ApproveAsync("acc", "u1", T0, CancellationToken.None);
            await provider.GetRequiredService<IOpenCardStore>().AddAsync(Card, CancellationToken.None);
        }

        Assert.True(File.Exists(Path.Combine(stateDirectory, "dinggate.db")));
        await using var reopened = new ServiceCollection().AddSqliteStorage(stateDirectory).BuildServiceProvider();
        Assert.Equal(entry, await reopened.GetRequiredService<IInboundJournal>().FindAsync("acc", "msg-1", CancellationToken.None));
        Assert.False(await reopened.GetRequiredService<IDedupStore>().TryMarkSeenAsync("acc", "msg-1", T0, T0.AddHours(1), CancellationToken.None));
        Assert.Equal(["u1"], await reopened.GetRequiredService<IPairingStore>().ListApprovedAsync("acc", CancellationToken.None));
        Assert.Equal([Card], await reopened.GetRequiredService<IOpenCardStore>().ListAsync("acc", CancellationToken.None));
    }
}
