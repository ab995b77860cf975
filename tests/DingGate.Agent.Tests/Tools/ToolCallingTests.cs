using System.Text.Json.Nodes;
using DingGate.Agent.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;

namespace DingGate.Agent.Tests.Tools;

// Tool calling through the official OpenAI client against a real Kestrel server speaking the streaming tool_calls format.
public sealed class ToolCallingTests
{
    [Fact]
    public async Task RunAsync_ModelCallsAllowedTool_SecondRequestCarriesCallAndResultAndAnswerStreams()
    {
        await using var model = await ScriptedModel.StartAsync(
            ScriptedModel.Calls(("call_1", "weather", """{"city":"杭州"}""")),
            ScriptedModel.Text("杭州", "晴，21°C"));
        var weather = new TestTool("weather", (args, _) => Task.FromResult<object?>($"sunny 21C in {args["city"]}"));
        await using var services = ToolTurns.Build(ToolTurns.Config(model, allow: ["weather"]), [weather]);
        await using var sink = new RecordingReplySink();

        var answer = await services.AskAsync(sink, "杭州天气？");

        Assert.Equal("杭州晴，21°C", answer.Text);
        Assert.Equal(1, weather.Runs);
        var requests = model.Server.Requests;
        Assert.Equal(2, requests.Count);
        var offered = Assert.Single(requests[0].Json["tools"]!.AsArray());
        Assert.Equal("weather", offered!["function"]!["name"]!.GetValue<string>());
        var messages = requests[1].Json["messages"]!.AsArray();
        var call = messages[^2]!;
        Assert.Equal("assistant", call["role"]!.GetValue<string>());
        var toolCall = Assert.Single(call["tool_calls"]!.AsArray())!;
        Assert.Equal("call_1", toolCall["id"]!.GetValue<string>());
        Assert.Equal("weather", toolCall["function"]!["name"]!.GetValue<string>());
        Assert.Equal("杭州", JsonNode.Parse(toolCall["function"]!["arguments"]!.GetValue<string>())!["city"]!.GetValue<string>());
        var result = messages[^1]!;
        Assert.Equal("tool", result["role"]!.GetValue<string>());
        Assert.Equal("call_1", result["tool_call_id"]!.GetValue<string>());
        Assert.Equal("sunny 21C in 杭州", ToolContent(result));
        Assert.Equal(
            [new ReplyStatus(ReplyStatusKind.ToolCall, "weather"), new ReplyStatus(ReplyStatusKind.ToolDone, "weather")],
            sink.Statuses);
        Assert.Equal([SessionTurn.ToolCall, SessionTurn.ToolResult], answer.ToolSteps.Select(s => s.Role));
    }

    [Fact]
    public async Task RunAsync_NothingAllowed_NoToolsOfferedAndNoneCreated()
    {
        await using var model = await ScriptedModel.StartAsync(ScriptedModel.Text("plain"));
        var weather = TestTool.Returning("weather", "sunny");
        await using var services = ToolTurns.Build(ToolTurns.Config(model, allow: []), [weather]);
        await using var sink = new RecordingReplySink();

        var answer = await services.AskAsync(sink);

        Assert.Equal("plain", answer.Text);
        Assert.Null(Assert.Single(model.Server.Requests).Json["tools"]);
        Assert.Empty(weather.Turns);
    }

    [Fact]
    public async Task RunAsync_TwoCallsInOneRound_BothResultsFollowTheirCallsInOrder()
    {
        await using var model = await ScriptedModel.StartAsync(
            ScriptedModel.Calls(("call_a", "echo", """{"v":"1"}"""), ("call_b", "echo", """{"v":"2"}""")),
            ScriptedModel.Text("done"));
        var echo = new TestTool("echo", (args, _) => Task.FromResult<object?>($"echo {args["v"]}"));
        await using var services = ToolTurns.Build(ToolTurns.Config(model, allow: ["*"]), [echo]);
        await using var sink = new RecordingReplySink();

        var answer = await services.AskAsync(sink);

        Assert.Equal("done", answer.Text);
        var messages = model.Server.Requests[1].Json["messages"]!.AsArray();
        Assert.Equal(2, messages[^3]!["tool_calls"]!.AsArray().Count);
        Assert.Equal(("call_a", "echo 1"), (messages[^2]!["tool_call_id"]!.GetValue<string>(), ToolContent(messages[^2]!)));
        Assert.Equal(("call_b", "echo 2"), (messages[^1]!["tool_call_id"]!.GetValue<string>(), ToolContent(messages[^1]!)));
    }

    [Fact]
    public async Task RunAsync_AnthropicToolUse_SecondRequestCarriesToolUseAndToolResult()
    {
        var served = 0;
        await using var server = await FakeModelServer.StartAsync("/v1/messages", (context, _) => Interlocked.Increment(ref served) == 1
            ? AnthropicSse.ToolUseAsync(context, "claude-test", "toolu_1", "weather", """{"city":"北京"}""")
            : AnthropicSse.StreamAsync(context, "claude-test", [], ["北京多云"]));
        var config = Runners.Config(new ModelSettings { Provider = "anthropic", BaseUrl = server.BaseAddress, Model = "claude-test", ApiKey = "ak-test", MaxOutputTokens = 1000 });
        config.Agents["default"] = new AgentSettings { Tools = { Allow = { "weather" } } };
        var weather = new TestTool("weather", (args, _) => Task.FromResult<object?>($"cloudy in {args["city"]}"));
        await using var services = ToolTurns.Build(config, [weather]);
        await using var sink = new RecordingReplySink();

        var answer = await services.AskAsync(sink);

        Assert.Equal("北京多云", answer.Text);
        Assert.Equal(1, weather.Runs);
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal("weather", Assert.Single(requests[0].Json["tools"]!.AsArray())!["name"]!.GetValue<string>());
        var messages = requests[1].Json["messages"]!.AsArray();
        var use = Assert.Single(messages[^2]!["content"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "tool_use")!;
        Assert.Equal("assistant", messages[^2]!["role"]!.GetValue<string>());
        Assert.Equal(("toolu_1", "weather", "北京"), (use["id"]!.GetValue<string>(), use["name"]!.GetValue<string>(), use["input"]!["city"]!.GetValue<string>()));
        var result = Assert.Single(messages[^1]!["content"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "tool_result")!;
        Assert.Equal("user", messages[^1]!["role"]!.GetValue<string>());
        Assert.Equal("toolu_1", result["tool_use_id"]!.GetValue<string>());
        Assert.Equal("cloudy in 北京", ToolContent(result));
        Assert.False(result["is_error"]!.GetValue<bool>());
    }

    internal static string ToolContent(JsonNode message) => message["content"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p!["text"]!.GetValue<string>())),
        _ => throw new InvalidOperationException("no content"),
    };
}
