using DingGate.Agent.Tests.Support;
using DingGate.Core.Replies;
using DingGate.Core.Texts;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Agent.Tests.Tools;

// What goes wrong in a tool becomes a result the model reads, and the user still gets an answer.
public sealed class ToolFailureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_ToolThrows_ModelGetsShortRedactedErrorAndAnswerArrives()
    {
        await using var model = await ScriptedModel.StartAsync(
            ScriptedModel.Calls(("call_1", "crm", """{"q":"x"}""")),
            ScriptedModel.Text("CRM 暂时不可用。"));
        var crm = new TestTool("crm", (_, _) => throw new InvalidOperationException(
            "upstream said no (Authorization: Bearer sk-live-abcdef1234567890)\n   at Crm.Client.Call() in /src/Crm.cs:line 42"));
        await using var services = ToolTurns.Build(ToolTurns.Config(model, allow: ["crm"]), [crm]);
        await using var sink = new RecordingReplySink();

        var answer = await services.AskAsync(sink);

        Assert.Equal("CRM 暂时不可用。", answer.Text);
        var result = ToolCallingTests.ToolContent(model.Server.Requests[1].Json["messages"]!.AsArray()[^1]!);
        Assert.StartsWith("Error: the tool 'crm' failed (InvalidOperationException): upstream said no", result, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live-abcdef1234567890", result, StringComparison.Ordinal);
        Assert.DoesNotContain("Crm.cs", result, StringComparison.Ordinal);
        Assert.Equal(new ReplyStatus(ReplyStatusKind.ToolFailed, "crm"), sink.Statuses[^1]);
    }

    [Fact]
    public async Task RunAsync_ToolThrowsEveryRound_LoopGoesOnAndAnswerArrives()
    {
        // FunctionInvokingChatClient rethrows after 3 consecutive failing rounds by default; the invoker's results never count as failures.
        await using var model = await ScriptedModel.StartAsync(
            ScriptedModel.Calls(("c1", "flaky", "{}")),
            ScriptedModel.Calls(("c2", "flaky", "{}")),
            ScriptedModel.Calls(("c3", "flaky", "{}")),
            ScriptedModel.Calls(("c4", "flaky", "{}")),
            ScriptedModel.Text("gave up"));
        var flaky = new TestTool("flaky", (_, _) => throw new IOException("disk"));
        await using var services = ToolTurns.Build(ToolTurns.Config(model, allow: ["flaky"]), [flaky]);
        await using var sink = new RecordingReplySink();

        var answer = await services.AskAsync(sink);

        Assert.Equal("gave up", answer.Text);
        Assert.Equal(4, flaky.Runs);
    }

    [Fact]
    public async Task RunAsync_ToolIgnoresTokenPastCallTimeout_TimedOutResultOnTheFakeClock()
    {
        var time = new FakeTimeProvider();
        await using var model = await ScriptedModel.StartAsync(
            ScriptedModel.Calls(("call_1", "slow", "{}")),
            ScriptedModel.Text("它太慢了。"));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new TestTool("slow", (_, _) =>
        {
            started.TrySetResult();
            return never.Task;
        });
        var config = ToolTurns.Config(model, allow: ["slow"], tools: t => t.CallTimeoutMs = 5_000);
        await using var services = ToolTurns.Build(config, [slow], time: time);
        await using var sink = new RecordingReplySink();

        var turn = services.AskAsync(sink);
        await started.Task.WaitAsync(Patience);
        time.Advance(TimeSpan.FromMilliseconds(4_999));
        Assert.False(turn.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var answer = await turn.WaitAsync(Patience);

        Assert.Equal("它太慢了。", answer.Text);
        Assert.Equal(
            "Error: the tool 'slow' timed out after 5 s and was cancelled. Its result is unknown.",
            ToolCallingTests.ToolContent(model.Server.Requests[1].Json["messages"]!.AsArray()[^1]!));
        Assert.Equal(new ReplyStatus(ReplyStatusKind.ToolFailed, "slow"), sink.Statuses[^1]);
    }

    [Fact]
    public async Task RunAsync_StopPressedWhileToolRuns_TurnStopsAtOnceAndToolTokenCancelled()
    {
        await using var model = await ScriptedModel.StartAsync(
            ScriptedModel.Calls(("call_1", "slow", "{}")),
            ScriptedModel.Text("never asked"));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var toolToken = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new TestTool("slow", (_, ct) =>
        {
            toolToken.TrySetResult(ct);
            started.TrySetResult();
            return never.Task;
        });
        await using var services = ToolTurns.Build(ToolTurns.Config(model, allow: ["slow"]), [slow]);
        await using var sink = new RecordingReplySink();

        var turn = services.AskAsync(sink);
        await started.Task.WaitAsync(Patience);
        sink.PressStop();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => turn.WaitAsync(Patience));
        Assert.True((await toolToken.Task).IsCancellationRequested);
        Assert.Single(model.Server.Requests);
        Assert.DoesNotContain(sink.Statuses, s => s.Kind is ReplyStatusKind.ToolDone or ReplyStatusKind.ToolFailed);
    }

    [Fact]
    public async Task RunAsync_RoundsLimitReached_LastRequestHasNoToolsAndItsAnswerArrives()
    {
        await using var model = await ScriptedModel.StartAsync(
            ScriptedModel.Calls(("c1", "step", "{}")),
            ScriptedModel.Calls(("c2", "step", "{}")),
            ScriptedModel.Text("final"));
        var step = TestTool.Returning("step", "stepped");
        await using var services = ToolTurns.Build(ToolTurns.Config(model, allow: ["step"], tools: t => t.MaxRounds = 2), [step]);
        await using var sink = new RecordingReplySink();

        var answer = await services.AskAsync(sink);

        Assert.Equal("final", answer.Text);
        var requests = model.Server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.NotNull(requests[0].Json["tools"]);
        Assert.NotNull(requests[1].Json["tools"]);
        Assert.Null(requests[2].Json["tools"]);
        Assert.Equal(2, step.Runs);
    }

    [Fact]
    public async Task RunAsync_ModelKeepsCallingPastTheLimit_UserStillGetsAnAnswerAndNoOrphanCallIsKept()
    {
        await using var model = await ScriptedModel.StartAsync(ScriptedModel.Calls(("c", "step", "{}")));
        var step = TestTool.Returning("step", "stepped");
        await using var services = ToolTurns.Build(ToolTurns.Config(model, allow: ["step"], tools: t => t.MaxRounds = 1), [step]);
        await using var sink = new RecordingReplySink();

        var answer = await services.AskAsync(sink);

        Assert.Equal(AgentTexts.NoAnswerAfterTools.ZhCn, answer.Text);
        Assert.Equal([AgentTexts.NoAnswerAfterTools.ZhCn], sink.Deltas);
        Assert.Equal(2, model.Server.Requests.Count);
        Assert.Equal(1, step.Runs);
        Assert.Equal(2, answer.ToolSteps.Count);
    }

    [Fact]
    public async Task RunAsync_LongResult_CappedAtResultMaxChars()
    {
        await using var model = await ScriptedModel.StartAsync(
            ScriptedModel.Calls(("call_1", "dump", "{}")),
            ScriptedModel.Text("ok"));
        var dump = TestTool.Returning("dump", new string('x', 5_000));
        await using var services = ToolTurns.Build(ToolTurns.Config(model, allow: ["dump"], tools: t => t.ResultMaxChars = 1_000), [dump]);
        await using var sink = new RecordingReplySink();

        var answer = await services.AskAsync(sink);

        var result = ToolCallingTests.ToolContent(model.Server.Requests[1].Json["messages"]!.AsArray()[^1]!);
        Assert.Equal(1_000, result.Length);
        Assert.EndsWith("more characters not shown]", result, StringComparison.Ordinal);
        Assert.Contains("4", result[^40..], StringComparison.Ordinal);
        Assert.True(answer.ToolSteps[1].Text.Length < 1_200);
    }
}
