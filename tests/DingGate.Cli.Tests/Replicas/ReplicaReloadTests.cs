using DingGate.Cli.Tests.EndToEnd;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.DingTalk;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace DingGate.Cli.Tests.Replicas;

/// <summary>
/// A config reload that removes (disables) an account on one replica of two (one real PostgreSQL database, one emulator
/// app, fake clock): the replica gives up its leases on what the account left unfinished, and the other replica, which
/// still runs the account, answers it at its next takeover look — long before the lease, which the first replica would
/// otherwise have kept renewing until it stopped.
/// </summary>
public sealed class ReplicaReloadTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>
{
    private const int LeaseSeconds = 30;

    [Fact]
    public async Task AccountRemovedByReloadOnOneReplica_ItsUnfinishedMessageIsAnsweredByTheOtherWithinHalfALease()
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        var holding = new HoldingInboundHandler();
        var modelB = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "B答:" + call.UserText) };
        await using var a = await StartAsync(emu, stateA.Path, new ScriptedChatClient(), database, "replica-a", s =>
        {
            s.RemoveAll<IInboundHandler>();
            s.AddSingleton<IInboundHandler>(holding);
        });
        await emu.SendDmAsync("问题");
        await TestWait.UntilAsync(() => holding.Handed == 1, "A took the message");
        await using var b = await StartAsync(emu, stateB.Path, modelB, database, "replica-b");
        Assert.Empty(modelB.Calls); // A's lease is alive: B's start leaves the message alone

        var channel = a.Services.GetRequiredService<DingTalkChannel>();
        var plan = channel.Apply(Settings(emu, enabled: false));
        Assert.Equal([DingTalkChannelSettings.DefaultAccountId], plan.Stopping);
        await emu.WaitForConnectionGoneAsync(a.ConnectionId);
        await TestWait.UntilAsync(async () => await LeaseOwnerAsync(database) is null, "A released the entry");

        // Half a lease and a bit: B's takeover looks every half lease. A's lease (30 s, renewed) would still hold.
        for (var i = 0; i < LeaseSeconds / 2 + 3 && !await AnsweredByBAsync(emu); i++)
        {
            emu.Time!.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        Assert.True(await AnsweredByBAsync(emu), "B answered within half a lease and a bit");
        Assert.Single(modelB.Calls);
        Assert.Single(await Wire.MessagesAsync(emu), c => Wire.WebhookText(c.Body) == "B答:问题");
        Assert.Equal("replica-b", await LeaseOwnerAsync(database));
    }

    private static DingTalkChannelSettings Settings(EmulatorUnderTest emu, bool enabled) => new()
    {
        ClientId = EmulatorUnderTest.ClientId, ClientSecret = EmulatorUnderTest.ClientSecret, Name = "E2E Bot",
        Endpoints = new DingTalkEndpoints { Api = emu.BaseUrl, Oapi = emu.BaseUrl },
        DmPolicy = DmPolicy.Open, GroupPolicy = GroupPolicy.Open, MessageType = "markdown", ThinkingIndicator = "off", Enabled = enabled,
    };

    private static Task<GatewayUnderTest> StartAsync(
        EmulatorUnderTest emu, string state, ScriptedChatClient model, string database, string replicaId, Action<IServiceCollection>? services = null) =>
        GatewayUnderTest.StartAsync(
            emu,
            state,
            model,
            s => { s.MessageType = "markdown"; s.ThinkingIndicator = "off"; },
            configureConfig: c =>
            {
                c.Storage = new StorageSettings { Provider = StorageProvider.Postgres, ConnectionString = database };
                c.Gateway.ReplicaId = replicaId;
                c.Gateway.LeaseSeconds = LeaseSeconds;
            },
            services: services);

    private static async Task<bool> AnsweredByBAsync(EmulatorUnderTest emu) =>
        (await Wire.MessagesAsync(emu)).Any(c => Wire.WebhookText(c.Body) == "B答:问题");

    private static async Task<string?> LeaseOwnerAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT lease_owner FROM inbound_journal", connection);
        return await command.ExecuteScalarAsync() as string;
    }
}
