using DingGate.Cli.Admin;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Cluster;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// The turns a replica runs: /status shows them at once (this replica is read live), and the heartbeat row other
/// replicas read carries them from the next beat (every third of the lease, on the gateway's clock).
/// </summary>
public sealed class ReplicaTurnsRunningTests
{
    [Fact]
    public async Task Status_WhileATurnRuns_OneTurnRunning_HeartbeatRowCarriesIt_ZeroAfter()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, release.Task, "答") };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s => s.MessageType = "markdown", configureConfig: c => c.Gateway.ReplicaId = "r-turns");
        var registry = gateway.Services.GetRequiredService<IReplicaRegistry>();

        var asked = await emu.SendDmAsync("慢慢想");
        await model.WaitForCallAsync(1);
        var during = Assert.Single((await StatusAsync(state.Path))!);
        emu.Time!.Advance(TimeSpan.FromSeconds(10));
        await TestWait.UntilAsync(
            async () => (await registry.ListLiveAsync(emu.Time.GetUtcNow(), CancellationToken.None)).SingleOrDefault()?.TurnsRunning == 1,
            "the heartbeat row with one turn running");
        release.SetResult();
        await gateway.WaitForDmHistoryAsync(asked, 2);
        await TestWait.UntilAsync(async () => Assert.Single((await StatusAsync(state.Path))!).TurnsRunning == 0, "no turn running");

        Assert.Equal(("r-turns", 1), (during.Id, during.TurnsRunning));
    }

    private static async Task<IReadOnlyList<AdminReplicaStatus>?> StatusAsync(string stateDirectory)
    {
        using var http = new HttpClient();
        return (await new AdminClient(stateDirectory, http).StatusAsync(CancellationToken.None))?.Replicas;
    }
}
