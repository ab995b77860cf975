using DingGate.Cli.Tests.EndToEnd;
using DingGate.Cli.Tests.Support;
using DingGate.DingTalk.Tests.Support;
using static DingGate.Cli.Tests.Replicas.ReplicaGateways;

namespace DingGate.Cli.Tests.Replicas;

/// <summary>
/// Fencing a stalled replica (issue 17): two real gateway hosts on one PostgreSQL database and one emulator app. A
/// replica's stall past its lease is simulated by moving its lease to the other replica in the database (what a takeover
/// does when the lease ran out) while its turn or its send is under way. The stalled replica sends nothing; the message
/// is answered exactly once, asserted on the emulator's recorded sends.
/// </summary>
public sealed class FencingTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>
{
    private const string StolenByB = "UPDATE inbound_journal SET lease_owner = 'replica-b', lease_until = 9999999999999";

    [Fact]
    public async Task RenewalFindsTheMessageTakenOver_TheTurnIsStoppedAndSendsNothing_TheNewOwnerAnswersOnce()
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        var release = new TaskCompletionSource();
        var modelA = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, release.Task, "A答:" + call.UserText) };
        var modelB = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "B答:" + call.UserText) };
        await using var a = await StartAsync(emu, stateA.Path, modelA, database, "replica-a");
        await emu.SendDmAsync("问题");
        var turnA = await modelA.WaitForCallAsync(1);

        // A stalls past its lease (GC pause, frozen VM): replica-b claimed the message meanwhile (and holds it: its lease
        // does not run out during the test, so A's takeover loop leaves it alone).
        await ExecuteAsync(database, StolenByB);
        await AdvanceUntilAsync(emu, () => Task.FromResult(turnA.Token.IsCancellationRequested), "A's renewal stopped its turn");
        release.SetResult(); // would let A answer, were its turn still running
        await SettleAsync(emu);
        Assert.Empty(await Wire.MessagesAsync(emu));
        Assert.Single(modelA.Calls);

        // replica-b (restarted) takes back what it holds and answers.
        await using var b = await StartAsync(emu, stateB.Path, modelB, database, "replica-b");
        await AdvanceUntilAsync(emu, async () => (await Wire.MessagesAsync(emu)).Count >= 1, "B answered");
        for (var i = 0; i < 5; i++)
        {
            emu.Time!.Advance(TimeSpan.FromSeconds(1));
            await SettleAsync(emu);
        }

        Assert.Equal(["B答:问题"], (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)));
        Assert.Single(modelB.Calls);
        Assert.Equal(1, await ScalarAsync(database, "SELECT COUNT(*) FROM inbound_journal WHERE state = 2 AND lease_owner = 'replica-b'"));
        Assert.Equal(1, await ScalarAsync(database, "SELECT COUNT(*) FROM reply_outbox"));
    }

    [Fact]
    public async Task AnswerReadyAfterTheMessageWasTakenOver_NotWrittenNorSent_TheNewOwnersAnswerIsTheOnlyOne()
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        var release = new TaskCompletionSource();
        var modelA = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, release.Task, "A答:" + call.UserText) };
        var modelB = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "B答:" + call.UserText) };
        await using var a = await StartAsync(emu, stateA.Path, modelA, database, "replica-a");
        await emu.SendDmAsync("问题");
        await modelA.WaitForCallAsync(1);

        // A stalls; replica-b claims the message and answers it, all before A's renewal looks (the clock stands still).
        await ExecuteAsync(database, StolenByB);
        await using var b = await StartAsync(emu, stateB.Path, modelB, database, "replica-b");
        await TestWait.UntilAsync(async () => (await Wire.MessagesAsync(emu)).Count >= 1, "B answered");
        release.SetResult(); // A wakes up with its answer ready
        await TestWait.UntilAsync(() => modelA.Calls[0].Ended.IsCompleted, "A's model call ended");
        for (var i = 0; i < 5; i++)
        {
            emu.Time!.Advance(TimeSpan.FromSeconds(1));
            await SettleAsync(emu);
        }

        Assert.Equal(["B答:问题"], (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)));
        Assert.Equal(1, await ScalarAsync(database, "SELECT COUNT(*) FROM reply_outbox"));
        Assert.Equal(1, await ScalarAsync(database, "SELECT COUNT(*) FROM inbound_journal WHERE state = 2 AND lease_owner = 'replica-b'"));
    }

    [Fact]
    public async Task OutboxEntryTakenOverWhileItsSendWaitsOutAThrottle_TheFenceStopsTheStalledSend_OneDelivery()
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        var modelA = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "A答:" + call.UserText) };
        var modelB = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "B答:" + call.UserText) };
        await emu.SendAsync(HttpMethod.Post, "/_emulator/faults", new { path = "/robot/sendBySession", kind = "QpsLimit", count = 1 });
        await using var a = await StartAsync(emu, stateA.Path, modelA, database, "replica-a");
        await emu.SendDmAsync("问题");
        // A's answer is in the outbox and its first webhook call was throttled: A waits (on the fake clock) to send again.
        await TestWait.UntilAsync(async () => (await Wire.MessagesAsync(emu)).Count >= 1, "A's throttled send");
        await SettleAsync(emu);
        Assert.Equal([200], (await Wire.MessagesAsync(emu)).Select(c => c.Status));

        // A stalls past its outbox lease; replica-b's start settles the entry and sends it.
        await ExecuteAsync(database, "UPDATE reply_outbox SET lease_until = 1");
        await using var b = await StartAsync(emu, stateB.Path, modelB, database, "replica-b");
        await TestWait.UntilAsync(async () => (await Wire.MessagesAsync(emu)).Count >= 2, "B sent A's answer");
        // A wakes up: the throttle window is over and it would send the part again.
        await AdvanceUntilAsync(
            emu,
            async () => await ScalarAsync(database, "SELECT COUNT(*) FROM inbound_journal WHERE state = 2") == 1,
            "the message closed (a takeover found its answer in the outbox)");
        for (var i = 0; i < 5; i++)
        {
            emu.Time!.Advance(TimeSpan.FromSeconds(1));
            await SettleAsync(emu);
        }

        // The first call is the one the fault throttled (DingTalk showed nothing); then exactly one delivery.
        Assert.Equal(["A答:问题", "A答:问题"], (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)));
        Assert.Single(modelA.Calls);
        Assert.Empty(modelB.Calls);
        Assert.Equal(1, await ScalarAsync(database, "SELECT COUNT(*) FROM reply_outbox WHERE state = 2 AND lease_owner = 'replica-b'"));
    }
}
