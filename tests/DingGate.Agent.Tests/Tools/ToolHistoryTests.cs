using System.Text.Json.Nodes;
using DingGate.Agent.Running;
using DingGate.Agent.Sessions;
using DingGate.Agent.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;
using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;
using SessionSink = DingGate.Agent.Tests.Sessions.RecordingReplySink;

namespace DingGate.Agent.Tests.Tools;

// Tool calls and results in the session history: stored with the exchange, sent back as calls and results, never orphaned.
public sealed class ToolHistoryTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task NextTurn_AfterToolTurn_ModelReadsCallResultAndAnswerFromStoredHistory()
    {
        await using var model = await ScriptedModel.StartAsync(
            ScriptedModel.Calls(("call_1", "lookup", """{"id":"42"}""")),
            ScriptedModel.Text("订单 42 已发货"),
            ScriptedModel.Text("不客气"));
        using var folder = new TempFolder();
        var lookup = TestTool.Returning("lookup", "order 42: shipped");
        var config = ToolTurns.Config(model, allow: ["lookup"]);
        await using var services = Runners.Build(config, s =>
        {
            s.AddSingleton<DingGate.Agent.Tools.IBuiltinTool>(lookup);
            s.AddSqliteStorage(folder.Path);
            s.AddAgentSessions(new SessionSettings());
        });
        var handler = services.GetRequiredService<IInboundHandler>();

        await using var first = new SessionSink();
        await handler.HandleAsync(Messages.Text("订单 42 呢？") with { MessageId = "m1" }, first, CancellationToken.None);
        Assert.Equal(ReplyEnd.Finished, await first.Completed);
        await first.Disposed;
        await using var second = new SessionSink();
        await handler.HandleAsync(Messages.Text("谢谢") with { MessageId = "m2" }, second, CancellationToken.None);
        Assert.Equal(ReplyEnd.Finished, await second.Completed);

        var messages = model.Server.Requests[2].Json["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "tool", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        var call = Assert.Single(messages[2]!["tool_calls"]!.AsArray())!;
        Assert.Equal(("call_1", "lookup"), (call["id"]!.GetValue<string>(), call["function"]!["name"]!.GetValue<string>()));
        Assert.Equal("42", JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>())!["id"]!.GetValue<string>());
        Assert.Equal(("call_1", "order 42: shipped"), (messages[3]!["tool_call_id"]!.GetValue<string>(), ToolCallingTests.ToolContent(messages[3]!)));
        Assert.Equal("订单 42 已发货", ToolCallingTests.ToolContent(messages[4]!));
        var stored = await services.GetRequiredService<ISessionStore>().LoadAsync(new SessionKey("main", "dm:sender-1"), 40, 24_000, CancellationToken.None);
        Assert.Equal(
            [SessionTurn.User, SessionTurn.ToolCall, SessionTurn.ToolResult, SessionTurn.Assistant],
            stored.Take(4).Select(t => t.Role));
    }

    [Fact]
    public async Task RunAsync_CharBudgetCutsBetweenCallAndResult_NoOrphanResultSent()
    {
        await using var model = await ScriptedModel.StartAsync(ScriptedModel.Text("ok"));
        var history = Exchange("q1", "c1", new string('r', 500), "a1").Concat(Exchange("q2", "c2", "r2", "a2")).ToList();
        var config = ToolTurns.Config(model, allow: ["*"]);
        // The newest: a2, r2, c2, q2 fit; then a1 and the long result of c1 would, but not its call.
        var tail = history.Skip(2).Sum(t => t.Text.Length);
        config.Agents["default"].MaxHistoryChars = tail;
        await using var services = ToolTurns.Build(config, [TestTool.Returning("lookup", "x")]);
        await using var sink = new RecordingReplySink();

        await services.Runner().RunAsync(new AgentRequest(Messages.Text("q3"), history), sink, CancellationToken.None);

        var messages = Assert.Single(model.Server.Requests).Json["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "tool", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("q2", ToolCallingTests.ToolContent(messages[1]!));
        AssertNoOrphans(messages);
    }

    [Fact]
    public async Task RunAsync_HistoryWithUnpairedSteps_OnlyWholePairsSent()
    {
        await using var model = await ScriptedModel.StartAsync(ScriptedModel.Text("ok"));
        List<SessionTurn> history =
        [
            new(SessionTurn.User, "q1", At),
            new(SessionTurn.ToolResult, """{"id":"gone","name":"lookup","result":"orphan"}""", At),
            new(SessionTurn.ToolCall, """{"id":"c1","name":"lookup","arguments":{}}""", At),
            new(SessionTurn.ToolCall, """{"id":"c2","name":"lookup","arguments":{}}""", At),
            new(SessionTurn.ToolResult, """{"id":"c2","name":"lookup","result":"r2"}""", At),
            new(SessionTurn.ToolCall, "not json", At),
            new(SessionTurn.Assistant, "a1", At),
        ];
        await using var services = ToolTurns.Build(ToolTurns.Config(model, allow: ["*"]), [TestTool.Returning("lookup", "x")]);
        await using var sink = new RecordingReplySink();

        await services.Runner().RunAsync(new AgentRequest(Messages.Text("q2"), history), sink, CancellationToken.None);

        var messages = Assert.Single(model.Server.Requests).Json["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "tool", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("c2", Assert.Single(messages[2]!["tool_calls"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.DoesNotContain("orphan", model.Server.Requests[0].Body, StringComparison.Ordinal);
        AssertNoOrphans(messages);
    }

    private static IEnumerable<SessionTurn> Exchange(string question, string callId, string result, string answer) =>
    [
        new(SessionTurn.User, question, At),
        new(SessionTurn.ToolCall, $$$"""{"id":"{{{callId}}}","name":"lookup","arguments":{"q":"{{{question}}}"}}""", At),
        new(SessionTurn.ToolResult, new JsonObject { ["id"] = callId, ["name"] = "lookup", ["result"] = result }.ToJsonString(), At),
        new(SessionTurn.Assistant, answer, At),
    ];

    // What OpenAI enforces: every tool message answers a tool_call of the assistant message right before its run of
    // tool messages, and every such tool_call is answered before the next other message.
    private static void AssertNoOrphans(JsonArray messages)
    {
        var open = new HashSet<string>();
        foreach (var message in messages)
        {
            var role = message!["role"]!.GetValue<string>();
            if (role == "tool")
            {
                Assert.True(open.Remove(message["tool_call_id"]!.GetValue<string>()), "tool result without its call");
                continue;
            }

            Assert.Empty(open);
            foreach (var call in message["tool_calls"]?.AsArray() ?? [])
            {
                open.Add(call!["id"]!.GetValue<string>());
            }
        }

        Assert.Empty(open);
    }
}
