using DingGate.Core.Cluster;
using DingGate.Storage.Postgres;

namespace DingGate.Storage.Tests.Postgres;

// Stop requests between replicas (issue 17): the claim and the withdrawal are exclusive, an expired request is never
// honoured, and every listener hears each request and each claim once committed.
[Collection(PostgresCollection.Name)]
public sealed class PostgresStopRequestsTests(PostgresServer server)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Honour_FirstReplicaWins_AndTheWithdrawalThenFails()
    {
        await using var database = PostgresDatabase.Open(server.CreateDatabase(), TimeProvider.System);
        var requests = new PostgresStopRequests(database);
        await requests.RecordAsync(Request("r1", T0), CancellationToken.None);

        var first = await requests.HonourAsync("r1", "replica-a", T0.AddSeconds(1), CancellationToken.None);
        var second = await requests.HonourAsync("r1", "replica-b", T0.AddSeconds(1), CancellationToken.None);
        var withdrawn = await requests.WithdrawAsync("r1", CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.False(withdrawn);
        Assert.Empty(await requests.ListOpenAsync(T0.AddSeconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task Withdrawn_OrExpired_IsNeverHonoured()
    {
        await using var database = PostgresDatabase.Open(server.CreateDatabase(), TimeProvider.System);
        var requests = new PostgresStopRequests(database);
        await requests.RecordAsync(Request("gone", T0), CancellationToken.None);
        await requests.RecordAsync(Request("late", T0), CancellationToken.None);

        Assert.Equal(["gone", "late"], (await requests.ListOpenAsync(T0.AddSeconds(1), CancellationToken.None)).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.True(await requests.WithdrawAsync("gone", CancellationToken.None));
        Assert.False(await requests.HonourAsync("gone", "replica-a", T0.AddSeconds(1), CancellationToken.None));
        Assert.False(await requests.HonourAsync("late", "replica-a", T0.AddSeconds(3), CancellationToken.None)); // expired at T0 + 3 s
        Assert.Empty(await requests.ListOpenAsync(T0.AddSeconds(3), CancellationToken.None));
    }

    [Fact]
    public async Task Listen_HearsEveryReplicasRequestAndClaim()
    {
        var connectionString = server.CreateDatabase();
        await using var listening = PostgresDatabase.Open(connectionString, TimeProvider.System);
        await using var other = PostgresDatabase.Open(connectionString, TimeProvider.System);
        var heard = new List<StopSignal>();
        var two = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var listen = new PostgresStopRequests(listening).ListenAsync(
            s =>
            {
                lock (heard)
                {
                    heard.Add(s);
                    if (heard.Count == 2)
                    {
                        two.TrySetResult();
                    }
                }
            },
            () => ready.TrySetResult(),
            stop.Token);
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var requests = new PostgresStopRequests(other);
        await requests.RecordAsync(Request("r1", T0), CancellationToken.None);
        await requests.HonourAsync("r1", "replica-b", T0, CancellationToken.None);
        await two.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await listen;

        Assert.Equal(
            [new StopSignal(StopSignalKind.Requested, "r1", "acc", "dm:user001"), new StopSignal(StopSignalKind.Honoured, "r1", string.Empty, string.Empty)],
            heard);
    }

    private static StopRequest Request(string id, DateTimeOffset at) => new(id, "acc", "dm:user001", "replica-x", at, at.AddSeconds(3));
}
