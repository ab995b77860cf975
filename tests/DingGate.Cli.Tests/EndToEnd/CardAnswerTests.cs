using DingGate.Cli.Tests.Support;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.AI;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// A DM answered as an AI card by the real gateway (host, channel, agent, sessions, SQLite) and a scripted model,
/// asserted on the cards and calls the emulator recorded. The clock is fake and shared: card updates happen only when
/// the test moves it.
/// </summary>
public sealed class CardAnswerTests
{
    [Fact]
    public async Task DmText_CardCreatedStreamedAndFinalizedWithTheFullAnswer()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient();
        var rest = new TaskCompletionSource();
        model.Script = call => ScriptedChatClient.Steps(call.Token, "你好，", rest.Task, "这是", "完整的回答。");
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model);

        await emu.SendDmAsync("介绍一下你自己");
        var cardId = await Wire.WaitForCardAsync(emu, 1);
        await Wire.AdvanceUntilStreamedAsync(emu, cardId);
        rest.SetResult();
        var card = await emu.WaitForFinalizedCardAsync(cardId);

        var updates = await Wire.StreamingAsync(emu, cardId);
        Assert.Equal("你好，", (string?)updates[0].Body["content"]);
        Assert.False((bool)updates[0].Body["isFinalize"]!);
        Assert.True((bool)updates[^1].Body["isFinalize"]!);
        Assert.Single(updates, u => (bool)u.Body["isFinalize"]!);
        Assert.Equal("你好，这是完整的回答。", Wire.CardContent(card));
        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.Empty(await Wire.MessagesAsync(emu));
        var call = Assert.Single(model.Calls);
        Assert.Equal("介绍一下你自己", call.UserText);
        Assert.Equal(ChatRole.System, call.Messages[0].Role);
    }

    [Fact]
    public async Task StopCommand_DuringALongAnswer_ModelCancelledAndCardFinalizedWithoutWaitingForTheClock()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient();
        var never = new TaskCompletionSource();
        model.Script = call => ScriptedChatClient.Steps(call.Token, "第一段，", never.Task, "永远不会出现");
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model);
        await emu.SendDmAsync("讲一个很长的故事");
        var cardId = await Wire.WaitForCardAsync(emu, 1);
        var call = await model.WaitForCallAsync(1);
        await Wire.AdvanceUntilStreamedAsync(emu, cardId);
        var updatesBeforeStop = (await Wire.StreamingAsync(emu, cardId)).Count;

        // From here on the clock stands still: whatever ends the card cannot be a timer of the update interval.
        await emu.SendDmAsync("/stop");
        await call.Cancelled.WaitAsync(TestWait.DefaultTimeout);
        var card = await emu.WaitForFinalizedCardAsync(cardId);

        var afterStop = (await Wire.StreamingAsync(emu, cardId)).Skip(updatesBeforeStop).ToList();
        Assert.InRange(afterStop.Count, 1, 2);
        Assert.True((bool)afterStop[^1].Body["isFinalize"]!);
        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.Equal("第一段，\n\n> ⏹ 已停止生成", Wire.CardContent(card));
        Assert.Single(model.Calls);
        await call.Ended.WaitAsync(TestWait.DefaultTimeout);
        var stopCard = await emu.WaitForFinalizedCardAsync(await Wire.WaitForCardAsync(emu, 2));
        Assert.Equal("⏹️ 已停止当前回答。", Wire.CardContent(stopCard));
    }

    [Fact]
    public async Task StopButton_ByTheAsker_ModelCancelledAndCardFinalizedWithTheStoppedNote()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient();
        var never = new TaskCompletionSource();
        model.Script = call => ScriptedChatClient.Steps(call.Token, "第一段，", never.Task, "永远不会出现");
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model);
        await emu.SendDmAsync("讲一个很长的故事");
        var cardId = await Wire.WaitForCardAsync(emu, 1);
        var call = await model.WaitForCallAsync(1);
        await Wire.AdvanceUntilStreamedAsync(emu, cardId);

        // The button cancels the reply's stop token (not the session's): the turn ends as stopped, not as a model failure.
        var click = (await emu.SendAsync(HttpMethod.Post, $"/_emulator/cards/{cardId}/click", new { userId = "user001", actionIds = new[] { "btn_stop" }, @params = new { action = "stop" } }))!;
        await call.Cancelled.WaitAsync(TestWait.DefaultTimeout);
        var card = await emu.WaitForFinalizedCardAsync(cardId);

        Assert.Equal(200, (int?)click["ackCode"]);
        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.Equal("第一段，\n\n> ⏹ 已停止生成", Wire.CardContent(card));
        Assert.Single(await emu.CardIdsAsync());
        Assert.Single(model.Calls);
    }
}
