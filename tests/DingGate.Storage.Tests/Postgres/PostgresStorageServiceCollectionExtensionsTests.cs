using DingGate.Core.Scheduling;
using DingGate.Core.Sessions;
using DingGate.Core.Storage;
using DingGate.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Storage.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageServiceCollectionExtensionsTests(PostgresServer server)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AddPostgresStorage_Resolved_EveryStoreOnTheDatabaseAndSharedByASecondProcess()
    {
        var connectionString = server.CreateDatabase();
        var entry = new InboundJournalEntry("acc", "msg-1", "/v1.0/im/bot/messages/get", "{}", T0);
        await using var first = new ServiceCollection().AddPostgresStorage(connectionString).BuildServiceProvider();
        await using var second = new ServiceCollection().AddPostgresStorage(connectionString).BuildServiceProvider();

        Assert.Same(first.GetRequiredService<IInboundJournal>(), first.GetRequiredService<IInboundJournal>());
        Assert.IsType<PostgresReplyOutbox>(first.GetRequiredService<IReplyOutbox>());
        Assert.IsType<PostgresScheduledJobStore>(first.GetRequiredService<IScheduledJobStore>());
        Assert.IsType<PostgresSessionStore>(first.GetRequiredService<ISessionStore>());
        Assert.IsType<PostgresShownIndicatorStore>(first.GetRequiredService<IShownIndicatorStore>());
        Assert.IsType<PostgresApiUsageStore>(first.GetRequiredService<IApiUsageStore>());
        Assert.True(await first.GetRequiredService<IInboundJournal>().AppendAsync(entry, CancellationToken.None));
        Assert.True(await first.GetRequiredService<IDedupStore>().TryMarkSeenAsync("acc", "msg-1", T0, T0.AddHours(1), CancellationToken.None));
        await first.GetRequiredService<IPairingStore>().ApproveAsync("acc", "u1", T0, CancellationToken.None);

        Assert.False(await second.GetRequiredService<IInboundJournal>().AppendAsync(entry, CancellationToken.None));
        Assert.Equal(entry, await second.GetRequiredService<IInboundJournal>().FindAsync("acc", "msg-1", CancellationToken.None));
        Assert.False(await second.GetRequiredService<IDedupStore>().TryMarkSeenAsync("acc", "msg-1", T0, T0.AddHours(1), CancellationToken.None));
        Assert.True(await second.GetRequiredService<IPairingStore>().IsApprovedAsync("acc", "U1", CancellationToken.None));
    }
}
