using DingGate.Cli.Gateway.Replicas;
using DingGate.Cli.Tests.EndToEnd;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Cluster;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static DingGate.Cli.Tests.Replicas.ReplicaGateways;

namespace DingGate.Cli.Tests.Replicas;

/// <summary>
/// Two live processes given one <c>gateway.replicaId</c> on one PostgreSQL database (issue 17): a second gateway starting
/// with the id of a live one refuses to start, naming the id; a running gateway whose heartbeat row another process
/// writes logs it once and stops taking over work.
/// </summary>
public sealed class DuplicateReplicaIdTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task SecondGatewayWithTheIdOfALiveOne_RefusesToStart_NamingTheIdAndTheFix()
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        await using var a = await StartAsync(emu, stateA.Path, new ScriptedChatClient(), database, "replica-a");

        var refused = await Assert.ThrowsAsync<DuplicateReplicaIdException>(() => StartAsync(emu, stateB.Path, new ScriptedChatClient(), database, "replica-a"));

        Assert.Contains("replica id 'replica-a' is in use by a live gateway", refused.Message, StringComparison.Ordinal);
        Assert.Contains("set a distinct gateway.replicaId on every replica, or wait for its lease (5 s)", refused.Message, StringComparison.Ordinal);
        Assert.Single(await emu.ActiveConnectionsAsync()); // the refused one never opened a Stream connection
        Assert.Equal(1, await ScalarAsync(database, "SELECT COUNT(*) FROM replicas"));

        // Another id starts fine next to it.
        await using var b = await StartAsync(emu, stateB.Path, new ScriptedChatClient(), database, "replica-b");
        Assert.Equal(2, await ScalarAsync(database, "SELECT COUNT(*) FROM replicas"));
    }

    [Fact]
    public async Task HeartbeatFindsAnotherProcessesNonceInItsRow_LogsOnce_AndTakesOverNothing()
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateDead = new TempDirectory();
        using var stateA = new TempDirectory();
        var never = new TaskCompletionSource();
        var dead = await StartAsync(
            emu, stateDead.Path, new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, never.Task) }, database, "replica-dead");
        await emu.SendDmAsync("问题");
        await TestWait.UntilAsync(async () => await ScalarAsync(database, "SELECT COUNT(*) FROM inbound_journal") == 1, "the dead replica journaled the message");
        await dead.KillAsync();
        var logs = new ScopeCapturingLoggerProvider();
        var modelA = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "A答:" + call.UserText) };
        await using var a = await StartAsync(emu, stateA.Path, modelA, database, "replica-a", services: s => s.AddSingleton<ILoggerProvider>(logs));

        // Another live process with the same id writes the row.
        await ExecuteAsync(database, "UPDATE replicas SET nonce = 'another-process' WHERE id = 'replica-a'");
        var claims = a.Services.GetRequiredService<ReplicaIdentity>().Claims;
        await AdvanceUntilAsync(emu, () => Task.FromResult(claims.Suspended), "A's heartbeat noticed the other process");
        for (var i = 0; i < 4 * LeaseSeconds; i++)
        {
            emu.Time!.Advance(TimeSpan.FromSeconds(1)); // well past the dead replica's lease
            await SettleAsync(emu);
        }

        Assert.Empty(modelA.Calls);
        Assert.Empty(await Wire.MessagesAsync(emu));
        Assert.Equal(1, await ScalarAsync(database, "SELECT COUNT(*) FROM inbound_journal WHERE lease_owner = 'replica-dead' AND state IN (0, 1)"));
        var errors = logs.Entries.Where(e => e.Message.Contains("another live process writes this replica id's heartbeat row", StringComparison.Ordinal)).ToList();
        Assert.Single(errors);
        Assert.Contains("replica-a", errors[0].Message, StringComparison.Ordinal);
    }
}
