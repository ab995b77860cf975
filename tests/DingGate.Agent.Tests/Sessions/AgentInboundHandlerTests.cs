using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;
using DingGate.Core.Texts;

namespace DingGate.Agent.Tests.Sessions;

public sealed class AgentInboundHandlerTests : IAsyncLifetime
{
    private static readonly SessionKey U1 = new("acc", "dm:sid-u1");

    private SessionHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task UseAsync(SessionSettings settings, string? locale = null)
    {
        await _harness.DisposeAsync();
        _harness = new SessionHarness(settings, locale);
    }

    private Task UseEnglishAsync() => UseAsync(new SessionSettings(), "en");

    [Fact]
    public async Task HandleAsync_TwoSessions_RunInParallelWhileEachSessionKeepsOrder()
    {
        var a1 = _harness.Runner.Hold("a1");
        var b1 = _harness.Runner.Hold("b1");

        var sinkA1 = await _harness.SendAsync(_harness.Dm("a1", "u1"));
        var sinkA2 = await _harness.SendAsync(_harness.Dm("a2", "u1"));
        var sinkB1 = await _harness.SendAsync(_harness.Dm("b1", "u2"));
        await a1.WaitStartedAsync();
        await b1.WaitStartedAsync();

        // Both held turns run at once; a2 waits behind a1.
        Assert.False(_harness.Runner.Script("a2").HasStarted);
        a1.Release();
        Assert.Equal(ReplyEnd.Finished, await sinkA1.Completed);
        Assert.Equal(ReplyEnd.Finished, await sinkA2.Completed);
        await sinkA2.Disposed;
        Assert.False(sinkB1.HasCompleted);
        b1.Release();
        Assert.Equal(ReplyEnd.Finished, await sinkB1.Completed);

        Assert.Equal("answer to a2", sinkA2.Text);
        Assert.Equal(["user: a1", "answer to a1"], _harness.Runner.RequestFor("a2").History.Select(t => t.Text));
        Assert.Empty(_harness.Runner.RequestFor("b1").History);
    }

    [Fact]
    public async Task HandleAsync_ManyMessagesOneSession_RunInArrivalOrder()
    {
        var first = _harness.Runner.Hold("m0");
        var sinks = new List<RecordingReplySink>();
        for (var i = 0; i < 5; i++)
        {
            sinks.Add(await _harness.SendAsync("m" + i));
        }

        await first.WaitStartedAsync();
        first.Release();
        foreach (var sink in sinks)
        {
            Assert.Equal(ReplyEnd.Finished, await sink.Completed);
            await sink.Disposed;
        }

        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], _harness.Runner.StartOrder);
        Assert.Equal(8, _harness.Runner.RequestFor("m4").History.Count);
    }

    [Fact]
    public async Task HandleAsync_OverQueueDepth_AnswersBusyAtOnceAndKeepsTheOthers()
    {
        await UseAsync(new SessionSettings { QueueDepth = 1 });
        var m1 = _harness.Runner.Hold("m1");
        var sink1 = await _harness.SendAsync("m1");
        await m1.WaitStartedAsync();
        var sink2 = await _harness.SendAsync("m2");

        var sink3 = await _harness.SendAsync("m3");

        Assert.Equal(ReplyEnd.Finished, await sink3.Completed);
        Assert.Equal(SessionTexts.Busy.ZhCn, sink3.Text);
        await sink3.Disposed;
        m1.Release();
        Assert.Equal(ReplyEnd.Finished, await sink1.Completed);
        Assert.Equal(ReplyEnd.Finished, await sink2.Completed);
        Assert.DoesNotContain("m3", _harness.Runner.StartOrder);
    }

    [Fact]
    public async Task StopCommand_DuringLongTurn_StopsItAndRunsTheNextQueued()
    {
        await UseEnglishAsync();
        var m1 = _harness.Runner.Hold("m1");
        var sink1 = await _harness.SendAsync("m1");
        var sink2 = await _harness.SendAsync("m2");
        await m1.WaitStartedAsync();

        var stop = await _harness.SendAsync("/stop");

        Assert.Equal(ReplyEnd.Finished, await stop.Completed);
        Assert.Contains("Stopped", stop.Text, StringComparison.Ordinal);
        Assert.Equal(ReplyEnd.Stopped, await sink1.Completed);
        Assert.Equal("answer to ", sink1.Text);
        Assert.Equal(ReplyEnd.Finished, await sink2.Completed);
        await sink2.Disposed;
        Assert.Empty(_harness.Runner.RequestFor("m2").History);
        Assert.Equal(2, (await _harness.Store.GetStatsAsync(U1, CancellationToken.None)).Messages);
    }

    [Fact]
    public async Task StopCommand_NothingRunning_SaysSo()
    {
        await UseEnglishAsync();
        var stop = await _harness.SendAsync("/STOP");

        Assert.Equal(ReplyEnd.Finished, await stop.Completed);
        Assert.Contains("Nothing is running", stop.Text, StringComparison.Ordinal);
        Assert.Empty(_harness.Runner.Requests);
    }

    [Fact]
    public async Task StopButton_DuringLongTurn_StopsItAndRunsTheNextQueued()
    {
        var m1 = _harness.Runner.Hold("m1");
        var sink1 = await _harness.SendAsync("m1");
        var sink2 = await _harness.SendAsync("m2");
        await m1.WaitStartedAsync();

        sink1.PressStop();

        Assert.Equal(ReplyEnd.Stopped, await sink1.Completed);
        Assert.Equal(ReplyEnd.Finished, await sink2.Completed);
    }

    [Fact]
    public async Task NewCommand_AfterExchange_ClearsHistoryForNextTurn()
    {
        await UseEnglishAsync();
        await (await _harness.SendAsync("m1")).Disposed;

        var reset = await _harness.SendAsync(" /New ");
        var sink2 = await _harness.SendAsync("m2");

        Assert.Equal(ReplyEnd.Finished, await reset.Completed);
        Assert.Contains("cleared", reset.Text, StringComparison.Ordinal);
        await sink2.Disposed;
        Assert.Empty(_harness.Runner.RequestFor("m2").History);
        Assert.Equal(new SessionStats(2, 100, 20, SessionHarness.T0), await _harness.Store.GetStatsAsync(U1, CancellationToken.None));
    }

    [Fact]
    public async Task ResetCommand_AfterExchange_ClearsHistoryAndUsage()
    {
        await (await _harness.SendAsync("m1")).Disposed;

        await (await _harness.SendAsync("/reset")).Disposed;

        Assert.Equal(new SessionStats(0, 0, 0, null), await _harness.Store.GetStatsAsync(U1, CancellationToken.None));
    }

    [Fact]
    public async Task StatusCommand_AfterExchangeWithTurnRunning_ShowsAgentSessionUsageAndQueue()
    {
        await UseEnglishAsync();
        await (await _harness.SendAsync("m1")).Disposed;
        var m2 = _harness.Runner.Hold("m2");
        var sink2 = await _harness.SendAsync("m2");
        await _harness.SendAsync("m3");
        await m2.WaitStartedAsync();

        var status = await _harness.SendAsync("/status");

        Assert.Equal(ReplyEnd.Finished, await status.Completed);
        Assert.Contains("`helper`", status.Text, StringComparison.Ordinal);
        Assert.Contains("`openai/qwen-plus`", status.Text, StringComparison.Ordinal);
        Assert.Contains("`acc/dm:sid-u1`", status.Text, StringComparison.Ordinal);
        Assert.Contains("Messages in history: 2", status.Text, StringComparison.Ordinal);
        Assert.Contains("Tokens used: 100 input, 20 output", status.Text, StringComparison.Ordinal);
        Assert.Contains("Queue: 1 running, 1 waiting", status.Text, StringComparison.Ordinal);
        m2.Release();
        await sink2.Completed;
    }

    [Fact]
    public async Task WhoAmICommand_InGroup_ListsIdsAsCode()
    {
        await UseEnglishAsync();
        var whoami = await _harness.SendAsync(_harness.InGroup("/whoami", "u7", "cid-team"));

        Assert.Equal(ReplyEnd.Finished, await whoami.Completed);
        Assert.Contains("`staff-u7`", whoami.Text, StringComparison.Ordinal);
        Assert.Contains("`sid-u7`", whoami.Text, StringComparison.Ordinal);
        Assert.Contains("`cid-team`", whoami.Text, StringComparison.Ordinal);
        Assert.Contains("`group`", whoami.Text, StringComparison.Ordinal);
        Assert.Contains("`acc`", whoami.Text, StringComparison.Ordinal);
        Assert.Empty(_harness.Runner.Requests);
    }

    [Fact]
    public async Task HelpCommand_ListsCommands()
    {
        var help = await _harness.SendAsync("／help");

        Assert.Equal(ReplyEnd.Finished, await help.Completed);
        foreach (var command in new[] { "/new", "/reset", "/stop", "/status", "/whoami", "/help" })
        {
            Assert.Contains(command, help.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HelpCommand_DefaultLocale_ChineseWithAliasesAndOwnerCommands()
    {
        var help = await _harness.SendAsync("/帮助");

        Assert.Equal(ReplyEnd.Finished, await help.Completed);
        Assert.StartsWith("**可用命令**", help.Text, StringComparison.Ordinal);
        Assert.Contains("- `/new`（`/新对话`） — 开始新对话，清除上下文和用量", help.Text, StringComparison.Ordinal);
        Assert.Contains("- `/stop`（`/停止`） — 停止当前回答", help.Text, StringComparison.Ordinal);
        Assert.Contains("直接发送“停止”也会停止当前回答。", help.Text, StringComparison.Ordinal);
        Assert.Contains("**管理员命令**", help.Text, StringComparison.Ordinal);
        foreach (var owner in new[] { "`/approve CODE`（`/批准`）", "`/deny CODE`（`/拒绝`）", "`/allow <staffId>`", "`/revoke <staffId>`", "`/pending`（`/待批准`）", "`/gateway`" })
        {
            Assert.Contains(owner, help.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Commands", help.Text, StringComparison.Ordinal);
        Assert.Empty(_harness.Runner.Requests);
    }

    [Fact]
    public async Task HelpCommand_English_EnglishWithAliases()
    {
        await UseEnglishAsync();

        var help = await _harness.SendAsync("/help");

        Assert.StartsWith("**Commands**", help.Text, StringComparison.Ordinal);
        Assert.Contains("- `/new` (`/新对话`) — start over: clear the history and usage", help.Text, StringComparison.Ordinal);
        Assert.Contains("**Owner commands**", help.Text, StringComparison.Ordinal);
        Assert.Contains("- `/approve CODE` (`/批准`) — approve a pairing request", help.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("可用命令", help.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/新对话")]
    [InlineData("／重置")]
    public async Task ChineseNewAlias_AfterExchange_ClearsHistoryInChinese(string alias)
    {
        await (await _harness.SendAsync("m1")).Disposed;

        var reset = await _harness.SendAsync(alias);

        Assert.Equal(ReplyEnd.Finished, await reset.Completed);
        Assert.Equal("🆕 已开始新对话，之前的上下文和用量已清除。", reset.Text);
        Assert.Equal(new SessionStats(0, 0, 0, null), await _harness.Store.GetStatsAsync(U1, CancellationToken.None));
        Assert.Equal(["m1"], _harness.Runner.StartOrder);
    }

    [Theory]
    [InlineData("停止")]
    [InlineData(" /停止 ")]
    public async Task ChineseStopWord_DuringLongTurn_StopsIt(string word)
    {
        var m1 = _harness.Runner.Hold("m1");
        var sink1 = await _harness.SendAsync("m1");
        await m1.WaitStartedAsync();

        var stop = await _harness.SendAsync(word);

        Assert.Equal(ReplyEnd.Finished, await stop.Completed);
        Assert.Equal("⏹️ 已停止当前回答。", stop.Text);
        Assert.Equal(ReplyEnd.Stopped, await sink1.Completed);
    }

    [Fact]
    public async Task StatusAndWhoAmI_Chinese_ChineseLabels()
    {
        var status = await _harness.SendAsync("/状态");
        var whoami = await _harness.SendAsync(_harness.InGroup("/我是谁", "u7", "cid-team"));

        Assert.Contains("- 历史消息数：0", status.Text, StringComparison.Ordinal);
        Assert.Contains("- 排队：空闲，0 条等待", status.Text, StringComparison.Ordinal);
        Assert.Contains("- 会话类型：`群聊`", whoami.Text, StringComparison.Ordinal);
        Assert.Contains("- 员工 ID（allowFrom 用）：`staff-u7`", whoami.Text, StringComparison.Ordinal);
        Assert.Empty(_harness.Runner.Requests);
    }

    [Fact]
    public async Task HandleAsync_ModelFails_CompletesFailedWithSafeNoteAndStoresNothing()
    {
        _harness.Runner.Script("m1").Failure = new InvalidOperationException("401 from provider, key sk-secret-123");

        var sink = await _harness.SendAsync("m1");

        Assert.Equal(ReplyEnd.Failed, await sink.Completed);
        Assert.Equal(SessionTexts.ModelFailed.ZhCn, sink.Note);
        Assert.DoesNotContain("sk-secret", sink.Text + sink.Note, StringComparison.Ordinal);
        await sink.Disposed;
        Assert.Equal(new SessionStats(0, 0, 0, null), await _harness.Store.GetStatsAsync(U1, CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_PerUserInGroupScope_MembersHaveOwnSessionsInParallel()
    {
        await UseAsync(new SessionSettings { Scope = "per-user-in-group" });
        var u1 = _harness.Runner.Hold("from u1");
        var u2 = _harness.Runner.Hold("from u2");

        var sink1 = await _harness.SendAsync(_harness.InGroup("from u1", "u1"));
        var sink2 = await _harness.SendAsync(_harness.InGroup("from u2", "u2"));
        await u1.WaitStartedAsync();
        await u2.WaitStartedAsync();
        u1.Release();
        u2.Release();
        await sink1.Disposed;
        await sink2.Disposed;

        var stats = await _harness.Store.GetStatsAsync(new SessionKey("acc", "group:cid-group:sid-u1"), CancellationToken.None);
        Assert.Equal(2, stats.Messages);
        Assert.Equal(0, (await _harness.Store.GetStatsAsync(new SessionKey("acc", "group:cid-group"), CancellationToken.None)).Messages);
    }

    [Fact]
    public async Task HandleAsync_PerPeerScope_GroupMembersShareOneSession()
    {
        var u1 = _harness.Runner.Hold("from u1");

        var sink1 = await _harness.SendAsync(_harness.InGroup("from u1", "u1"));
        var sink2 = await _harness.SendAsync(_harness.InGroup("from u2", "u2"));
        await u1.WaitStartedAsync();

        Assert.False(_harness.Runner.Script("from u2").HasStarted);
        u1.Release();
        await sink1.Disposed;
        await sink2.Disposed;
        Assert.Equal(2, _harness.Runner.RequestFor("from u2").History.Count);
    }
}
