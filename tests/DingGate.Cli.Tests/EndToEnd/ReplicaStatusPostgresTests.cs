using DingGate.Cli.Admin;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// Two gateway replicas (each its own state directory and gateway.replicaId) on one PostgreSQL database and one app:
/// each one's /status lists both from their heartbeat rows; one stopped cleanly disappears from the other's.
/// </summary>
public sealed class ReplicaStatusPostgresTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Status_TwoReplicasOnOneDatabase_EachListsBoth_StoppedOneDisappears()
    {
        var connectionString = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "ok") };
        Action<DinggateConfig> Replica(string id) => config =>
        {
            config.Storage = new StorageSettings { Provider = StorageProvider.Postgres, ConnectionString = connectionString };
            config.Gateway.ReplicaId = id;
        };

        await using var a = await GatewayUnderTest.StartAsync(emu, stateA.Path, model, s => s.MessageType = "markdown", configureConfig: Replica("replica-a"));
        await using var b = await GatewayUnderTest.StartAsync(emu, stateB.Path, model, s => s.MessageType = "markdown", configureConfig: Replica("replica-b"));

        var seenByA = await WaitForReplicasAsync(stateA.Path, ids => ids.Count == 2);
        var seenByB = await WaitForReplicasAsync(stateB.Path, ids => ids.Count == 2);

        Assert.Equal([("replica-a", true), ("replica-b", false)], seenByA.Select(r => (r.Id, r.Self)));
        Assert.Equal([("replica-b", true), ("replica-a", false)], seenByB.Select(r => (r.Id, r.Self)));
        Assert.All(seenByA.Concat(seenByB), r => Assert.Equal(["default"], r.Accounts.Select(x => x.Id)));
        Assert.All(seenByA.Concat(seenByB), r => Assert.Equal(Environment.ProcessId, r.Pid));

        await b.StopAsync();

        Assert.Equal(["replica-a"], (await StatusAsync(stateA.Path)).Select(r => r.Id));
    }

    private static async Task<IReadOnlyList<AdminReplicaStatus>> WaitForReplicasAsync(string stateDirectory, Func<IReadOnlyList<AdminReplicaStatus>, bool> done)
    {
        IReadOnlyList<AdminReplicaStatus> replicas = [];
        await TestWait.UntilAsync(async () => done(replicas = await StatusAsync(stateDirectory)), "the replicas listed by " + stateDirectory, TimeSpan.FromSeconds(30));
        return replicas;
    }

    private static async Task<IReadOnlyList<AdminReplicaStatus>> StatusAsync(string stateDirectory)
    {
        using var http = new HttpClient();
        var status = await new AdminClient(stateDirectory, http).StatusAsync(CancellationToken.None);
        return status?.Replicas ?? [];
    }
}
