using DingGate.Cli.Admin;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// Poison messages (issue 12 item 4) through the real gateway host, a real SQLite state directory and the emulator: a
/// message whose handling takes the process down (here: the host is killed mid-turn, three times) is given up at the
/// next start instead of being handled a fourth time; the sender gets one apology, the journal says why, status shows
/// it, and the gateway goes on answering.
/// </summary>
public sealed class PoisonMessageTests
{
    private const string Apology = "❌ 抱歉，这条消息多次处理都没有完成（网关在处理时停止），已放弃处理。请换个方式再发一次。";

    [Fact]
    public async Task KilledMidTurnThreeTimes_FourthStartGivesUp_OneApology_FailedWithReason_AndTheNextMessageAnswered()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var crashing = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "让我想想……", new TaskCompletionSource().Task) };
        string? key = null;
        for (var start = 1; start <= 3; start++)
        {
            var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, crashing, Markdown);
            if (start == 1)
            {
                key = (string?)(await emu.SendDmAsync("会让网关崩溃的消息"))["msgId"];
            }

            await crashing.WaitForCallAsync(start); // the turn is running: the process "dies" in it
            await gateway.KillAsync();
            await emu.WaitForConnectionGoneAsync(gateway.ConnectionId);
        }

        var answering = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "在的：" + call.UserText) };
        await using (var fourth = await GatewayUnderTest.StartAsync(emu, state.Path, answering, Markdown))
        {
            var journal = fourth.Services.GetRequiredService<IInboundJournal>();
            await TestWait.UntilAsync(async () => (await journal.FindAsync(DingTalkChannelSettings.DefaultAccountId, key!, CancellationToken.None))?.State == InboundState.Failed, "the poison message given up");
            var entry = (await journal.FindAsync(DingTalkChannelSettings.DefaultAccountId, key!, CancellationToken.None))!;
            Assert.StartsWith("given up after 3 attempt(s): the gateway stopped while handling it each time; the sender was told", entry.Detail, StringComparison.Ordinal);
            var status = await fourth.Services.GetRequiredService<AdminStatusBuilder>().StatusAsync(CancellationToken.None);
            Assert.Equal(1, status.Accounts[0].FailedMessages);
            Assert.Equal(entry.Detail, status.Accounts[0].LastFailure);

            await emu.SendDmAsync("下一条");
            await TestWait.UntilAsync(async () => (await TextsAsync(emu)).Contains("在的：下一条"), "the next message answered");
            await fourth.StopAsync();
            await emu.WaitForConnectionGoneAsync(fourth.ConnectionId);
        }

        // Nothing is left to resume: a fifth start neither handles nor apologises again.
        var later = new ScriptedChatClient();
        await using (var fifth = await GatewayUnderTest.StartAsync(emu, state.Path, later, Markdown))
        {
            await emu.SendDmAsync("再一条");
            await TestWait.UntilAsync(async () => (await TextsAsync(emu)).Contains("ok"), "the fifth gateway's answer");
        }

        Assert.Equal(3, crashing.Calls.Count);
        Assert.Equal(["下一条"], answering.Calls.Select(c => c.UserText));
        Assert.Equal(["再一条"], later.Calls.Select(c => c.UserText));
        var texts = await TextsAsync(emu);
        Assert.Equal(1, texts.Count(t => t == Apology));
        Assert.Equal(["在的：下一条", "ok"], texts.Where(t => t != Apology));
    }

    private static void Markdown(DingTalkChannelSettings channel) => channel.MessageType = "markdown";

    private static async Task<List<string>> TextsAsync(EmulatorUnderTest emu) =>
        [.. (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body))];
}
