using System.Collections.Concurrent;
using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.DingTalk.Stream;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Reload;

/// <summary>
/// <see cref="DingTalkChannel.Apply"/> against the emulator: a policy edit in place without a new stream registration,
/// a reconnect that waits for the answer running on the old connection (answered once, never resumed twice), and
/// accounts removed and added by a reload.
/// </summary>
public sealed class ChannelApplyTests
{
    [Fact]
    public async Task PolicyEdit_AppliesInPlace_NoNewRegistration_NextStrangerDenied()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var registrations = emu.RegistrationCalls();

        var plan = channel.Channel.Apply(Settings(emu, s => { s.DmPolicy = DmPolicy.Allowlist; s.AllowFrom = ["user002"]; }));
        await emu.InjectTextAsync("may I?");
        await TestWait.UntilAsync(() => emu.Calls("/robot/sendBySession").Count > 0, "the denial");

        Assert.Equal([DingTalkChannelSettings.DefaultAccountId], plan.Updated);
        Assert.True(plan.InPlaceOnly);
        Assert.Equal(DmPolicy.Allowlist, channel.Channel.Accounts.Single().DmPolicy);
        Assert.Contains("user001", emu.Calls("/robot/sendBySession").Single().RequestBody, StringComparison.Ordinal);
        Assert.Empty(channel.Handler.Messages);
        Assert.Equal(registrations, emu.RegistrationCalls());
    }

    [Fact]
    public async Task ConnectionSettingEdit_Reconnects_AfterTheRunningAnswerFinished_AnsweredOnce()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var held = new ConcurrentQueue<IReplySink>();
        // As the agent does: the handler queues the turn and returns; the answer comes later from elsewhere.
        channel.Handler.Respond = (message, reply, _) =>
        {
            held.Enqueue(reply);
            return Task.CompletedTask;
        };
        var oldConnection = await ActiveConnectionAsync(emu);
        await emu.InjectTextAsync("long question");
        await channel.Handler.WaitForAsync(m => m.Text == "long question");
        var registrations = emu.RegistrationCalls();

        var plan = channel.Channel.Apply(Settings(emu, s => s.KeepAliveInterval = 15_000));
        await TestWait.UntilAsync(async () => (await ActiveConnectionIdsAsync(emu)).Count == 0, "the old connection closed");
        var registrationsWhileAnswering = emu.RegistrationCalls();
        Assert.Equal(1, channel.Channel.Runtimes.Single().OpenReplies.Count);

        Assert.True(held.TryDequeue(out var reply));
        await reply.WriteAsync(new ReplyTextDelta("the long answer"), CancellationToken.None);
        await reply.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None);
        await reply.DisposeAsync();
        await TestWait.UntilAsync(async () => (await ActiveConnectionIdsAsync(emu)).Count == 1, "the account connected again");
        await TestWait.UntilAsync(() => channel.Channel.Statuses.Single().State == StreamConnectionState.Connected, "connected");
        await emu.InjectTextAsync("after the reconnect");
        await channel.Handler.WaitForAsync(m => m.Text == "after the reconnect");

        Assert.Equal(["connection settings"], plan.Reconnecting[DingTalkChannelSettings.DefaultAccountId]);
        Assert.Single(channel.Handler.Messages, m => m.Text == "long question"); // not resumed by the new runtime
        Assert.Single(emu.Calls("/robot/sendBySession"), c => c.RequestBody.Contains("the long answer", StringComparison.Ordinal));
        Assert.DoesNotContain(oldConnection, await ActiveConnectionIdsAsync(emu));
        Assert.Equal(registrations, registrationsWhileAnswering);
        Assert.Equal(registrations + 1, emu.RegistrationCalls());
        Assert.Equal(TimeSpan.FromSeconds(15), channel.Channel.Runtimes.Single().Account.KeepAliveInterval);
    }

    [Fact]
    public async Task AccountRenamed_OldStops_NewStarts_AndReceives()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var oldConnection = await ActiveConnectionAsync(emu);

        var plan = channel.Channel.Apply(new DingTalkChannelSettings
        {
            Endpoints = new DingTalkEndpoints { Api = emu.BaseUrl, Oapi = emu.BaseUrl },
            Accounts = { ["renamed"] = new DingTalkAccountSettings { ClientId = DingTalkTestEmulator.ClientId, ClientSecret = DingTalkTestEmulator.ClientSecret } },
        });
        await TestWait.UntilAsync(async () => await ActiveConnectionIdsAsync(emu) is [var id] && id != oldConnection, "the renamed account's connection");
        await emu.InjectTextAsync("to the renamed account");
        var received = await channel.Handler.WaitForAsync(m => m.Text == "to the renamed account");

        Assert.Equal(["renamed"], plan.Starting);
        Assert.Equal([DingTalkChannelSettings.DefaultAccountId], plan.Stopping);
        Assert.Equal("renamed", received.AccountId);
        Assert.Equal(["renamed"], channel.Channel.Accounts.Select(a => a.Id));
        await Assert.ThrowsAsync<ArgumentException>(() => channel.Channel.ApprovePairingAsync(DingTalkChannelSettings.DefaultAccountId, "ABCDEFGH", CancellationToken.None));
    }

    private static DingTalkChannelSettings Settings(DingTalkTestEmulator emu, Action<DingTalkChannelSettings> edit)
    {
        var settings = new DingTalkChannelSettings
        {
            ClientId = DingTalkTestEmulator.ClientId, ClientSecret = DingTalkTestEmulator.ClientSecret, Name = "Test Bot",
            Endpoints = new DingTalkEndpoints { Api = emu.Host.BaseUrl, Oapi = emu.Host.BaseUrl },
        };
        edit(settings);
        return settings;
    }

    // The harness returns once the channel runs; its connection may still be opening, so wait for it.
    private static async Task<string> ActiveConnectionAsync(DingTalkTestEmulator emu)
    {
        await TestWait.UntilAsync(async () => (await ActiveConnectionIdsAsync(emu)).Count == 1, "the account's connection active");
        return (await ActiveConnectionIdsAsync(emu)).Single();
    }

    private static async Task<IReadOnlyList<string>> ActiveConnectionIdsAsync(DingTalkTestEmulator emu) =>
        [.. (await emu.ConnectionsAsync()).Where(c => (string?)c!["state"] == "active").Select(c => (string)c!["id"]!)];
}
