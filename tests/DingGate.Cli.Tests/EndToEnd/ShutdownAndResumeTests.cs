using DingGate.Cli.Tests.Support;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// The gateway stopping and dying mid-answer: a graceful stop lets the running answer finish (or finalizes it as
/// interrupted when the shutdown timeout passes), a killed gateway's message is answered once by the next start.
/// </summary>
public sealed class ShutdownAndResumeTests
{
    private const string InterruptedNote = "⚠️ 回答被中断（网关停止或重启），稍后会重新回答。";

    [Fact]
    public async Task GracefulStop_WhileAnAnswerStreams_TheAnswerFinishesBeforeTheHostStops()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var release = new TaskCompletionSource();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "前半，", release.Task, "后半。") };
        var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model);
        await emu.SendDmAsync("写一段话");
        var cardId = await Wire.WaitForCardAsync(emu, 1);
        var call = await model.WaitForCallAsync(1);

        var stopping = gateway.StopAsync();
        // The channel stops taking messages first (its stream connection goes); the running answer is still awaited.
        await emu.WaitForConnectionGoneAsync(gateway.ConnectionId);
        var stoppedBeforeTheAnswerEnded = stopping.IsCompleted;
        release.SetResult();
        await stopping.WaitAsync(TestWait.DefaultTimeout);

        Assert.False(stoppedBeforeTheAnswerEnded);
        Assert.False(call.Token.IsCancellationRequested);
        var card = await emu.CardAsync(cardId);
        Assert.True((bool)card["finalized"]!);
        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.Equal("前半，后半。", Wire.CardContent(card));
    }

    [Fact]
    public async Task GracefulStop_ShutdownTimeoutPasses_ModelCancelledAndCardFinalizedAsInterrupted()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var never = new TaskCompletionSource();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "前半，", never.Task, "不会出现") };
        var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, shutdownTimeout: TimeSpan.FromMilliseconds(300));
        await emu.SendDmAsync("写一段很长的话");
        var cardId = await Wire.WaitForCardAsync(emu, 1);
        var call = await model.WaitForCallAsync(1);

        await gateway.StopAsync();

        Assert.True(call.Token.IsCancellationRequested);
        var card = await emu.CardAsync(cardId);
        Assert.True((bool)card["finalized"]!);
        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.Equal("前半，\n\n> " + InterruptedNote, Wire.CardContent(card));
    }

    [Fact]
    public async Task Killed_MidAnswer_NextStartAnswersTheMessageOnceIntoTheSameCard()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var silent = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "让我想想……", new TaskCompletionSource().Task) };
        var first = await GatewayUnderTest.StartAsync(emu, state.Path, silent);
        await emu.SendDmAsync("还在吗？");
        var oldCard = await Wire.WaitForCardAsync(emu, 1);
        await Wire.AdvanceUntilStreamedAsync(emu, oldCard);
        await first.KillAsync();
        // The emulator must not push later messages to the dead gateway's socket.
        await emu.WaitForConnectionGoneAsync(first.ConnectionId);

        var answering = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "在的：" + call.UserText) };
        await using (var second = await GatewayUnderTest.StartAsync(emu, state.Path, answering))
        {
            await TestWait.UntilAsync(async () => await CardsShowingAsync(emu, "在的：还在吗？") == 1, "the resumed message answered");
            await second.StopAsync();
            await emu.WaitForConnectionGoneAsync(second.ConnectionId);
        }

        // A third start finds nothing left to answer: a new message is the next thing the model sees.
        var later = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "新的回答") };
        await using (var third = await GatewayUnderTest.StartAsync(emu, state.Path, later))
        {
            await emu.SendDmAsync("新消息");
            await TestWait.UntilAsync(async () => await CardsShowingAsync(emu, "新的回答") == 1, "the new message answered");
        }

        Assert.Equal(["还在吗？"], answering.Calls.Select(c => c.UserText));
        Assert.Equal(["新消息"], later.Calls.Select(c => c.UserText));
        Assert.Equal(1, await CardsShowingAsync(emu, "在的：还在吗？"));
        Assert.Empty(await Wire.MessagesAsync(emu));
        // One card per message across the crash: the resumed answer streamed into the killed gateway's card.
        Assert.Equal(2, (await emu.CardIdsAsync()).Count);
        var old = await emu.CardAsync(oldCard);
        Assert.True((string?)old["state"] == "FINISHED", "the killed gateway's card left open: " + old.ToJsonString());
        Assert.Equal("在的：还在吗？", Wire.CardContent(old));
        foreach (var card in await emu.CardsAsync())
        {
            Assert.True((string?)card!["state"] == "FINISHED", "a card left open: " + (await emu.CardAsync((string)card["outTrackId"]!)).ToJsonString());
            // Ended through flowStatus "3" (the built-in template keeps spinning after a streaming finalize alone).
            Assert.Equal(("3", false), ((string?)card["flowStatus"], (bool)card["spinning"]!));
        }
    }

    private static async Task<int> CardsShowingAsync(EmulatorUnderTest emu, string text)
    {
        var count = 0;
        foreach (var id in await emu.CardIdsAsync())
        {
            var card = await emu.CardAsync(id);
            if ((bool?)card["finalized"] == true && Wire.CardContent(card) == text)
            {
                count++;
            }
        }

        return count;
    }
}
