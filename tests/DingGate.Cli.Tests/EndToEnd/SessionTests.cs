using DingGate.Cli.Tests.Support;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.AI;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// Sessions through the real gateway in markdown mode: history reaches the model until <c>/new</c>, one session's
/// messages are answered in order while another session runs beside it.
/// </summary>
public sealed class SessionTests
{
    [Fact]
    public async Task NewCommand_NextTurnsModelRequestHasNoEarlierMessages()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "回答" + call.Index) };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s => s.MessageType = "markdown");

        var first = await emu.SendDmAsync("记住：暗号是蓝鲸");
        await gateway.WaitForDmHistoryAsync(first, 2);
        await emu.SendDmAsync("暗号是什么？");
        await gateway.WaitForDmHistoryAsync(first, 4);
        await emu.SendDmAsync("/new");
        await gateway.WaitForDmHistoryAsync(first, 0);
        await emu.SendDmAsync("我们聊点别的");
        var afterNew = await model.WaitForCallAsync(3);

        var beforeNew = model.Calls[1];
        Assert.Equal(["记住：暗号是蓝鲸", "回答0"], beforeNew.History.Select(m => m.Text));
        Assert.Equal("我们聊点别的", afterNew.UserText);
        Assert.Empty(afterNew.History);
        Assert.Equal([ChatRole.System, ChatRole.User], afterNew.Messages.Select(m => m.Role));
        await gateway.WaitForDmHistoryAsync(first, 2);
        var texts = (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)).ToList();
        Assert.Equal(["回答0", "回答1", "🆕 已开始新对话，之前的上下文和用量已清除。", "回答2"], texts);
    }

    [Fact]
    public async Task TwoSessions_RunInParallelWhileOneSessionsMessagesStayInOrder()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var releaseA = new TaskCompletionSource();
        var model = new ScriptedChatClient
        {
            // Session A's first answer waits until session B has been answered: only parallel sessions can get past this.
            Script = call => call.UserText switch
            {
                "A1" => ScriptedChatClient.Steps(call.Token, releaseA.Task, "A1 的回答"),
                var other => ScriptedChatClient.Steps(call.Token, other + " 的回答"),
            },
        };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s => s.MessageType = "markdown");

        var a1 = await emu.SendDmAsync("A1", from: "user001");
        var callA1 = await model.WaitForCallAsync(1);
        await emu.SendDmAsync("A2", from: "user001");
        var b1 = await emu.SendDmAsync("B1", from: "user002");
        await gateway.WaitForDmHistoryAsync(b1, 2);
        var callsWhileABlocked = model.Calls.Select(c => c.UserText).ToList();
        var deliveredWhileABlocked = (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)).ToList();
        releaseA.SetResult();
        await gateway.WaitForDmHistoryAsync(a1, 4);

        Assert.Equal(["A1", "B1"], callsWhileABlocked);
        Assert.Equal(["B1 的回答"], deliveredWhileABlocked);
        var callA2 = Assert.Single(model.Calls, c => c.UserText == "A2");
        Assert.True(callA2.StartedAt > callA1.EndedAt, "A2 reached the model only after A1's answer ended");
        Assert.Equal([(ChatRole.User, "A1"), (ChatRole.Assistant, "A1 的回答")], callA2.History.Select(m => (m.Role, m.Text)));
        var texts = (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)).ToList();
        Assert.Equal(["B1 的回答", "A1 的回答", "A2 的回答"], texts);
    }
}
