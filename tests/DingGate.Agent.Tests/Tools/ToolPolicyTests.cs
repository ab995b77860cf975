using DingGate.Agent.Tests.Support;
using DingGate.Agent.Tools;
using DingGate.Core.Configuration;
using DingGate.Core.Replies;

namespace DingGate.Agent.Tests.Tools;

public sealed class ToolPolicyTests
{
    [Theory]
    [InlineData("*", "builtin", "send_file", true)]
    [InlineData("*", "mcp:files", "read", true)]
    [InlineData("send_file", "builtin", "send_file", true)]
    [InlineData("send_file", "builtin", "send_message", false)]
    [InlineData("read", "mcp:files", "read", false)]
    [InlineData("mcp:files/*", "mcp:files", "read", true)]
    [InlineData("mcp:files/*", "mcp:files2", "read", false)]
    [InlineData("mcp:files/*", "builtin", "read", false)]
    [InlineData("mcp:files/read", "mcp:files", "read", true)]
    [InlineData("mcp:files/read", "mcp:files", "write", false)]
    [InlineData("mcp:files", "mcp:files", "read", false)]
    public void Matches_Patterns(string pattern, string source, string name, bool expected) =>
        Assert.Equal(expected, ToolPolicy.Matches(pattern, source, name));

    [Fact]
    public void IsAllowed_DenyWinsAndNothingAllowedIsNothing()
    {
        var settings = new AgentToolSettings { Allow = ["*"], Deny = ["mcp:files/write", "send_message"] };

        Assert.True(ToolPolicy.IsAllowed(settings, "mcp:files", "read"));
        Assert.False(ToolPolicy.IsAllowed(settings, "mcp:files", "write"));
        Assert.False(ToolPolicy.IsAllowed(settings, "builtin", "send_message"));
        Assert.True(ToolPolicy.IsAllowed(settings, "builtin", "send_file"));
        Assert.False(ToolPolicy.IsAllowed(new AgentToolSettings(), "builtin", "send_file"));
    }

    [Fact]
    public void IsOwnerOnly_DefaultSendMessageConfiguredPatternsAndOwnerOnlyServer()
    {
        var config = new DinggateConfig();
        config.Mcp.Servers["admin"] = new McpServerSettings { Command = "x", OwnerOnly = true };
        config.Mcp.Servers["docs"] = new McpServerSettings { Command = "y" };

        Assert.True(ToolPolicy.IsOwnerOnly(config, "builtin", "send_message"));
        Assert.False(ToolPolicy.IsOwnerOnly(config, "builtin", "send_file"));
        Assert.True(ToolPolicy.IsOwnerOnly(config, "mcp:admin", "anything"));
        Assert.False(ToolPolicy.IsOwnerOnly(config, "mcp:docs", "search"));

        config.Tools.OwnerOnly = ["mcp:docs/search"];
        Assert.False(ToolPolicy.IsOwnerOnly(config, "builtin", "send_message"));
        Assert.True(ToolPolicy.IsOwnerOnly(config, "mcp:docs", "search"));
    }

    [Fact]
    public async Task RunAsync_DenyPattern_DeniedSourceNotOfferedToTheModel()
    {
        await using var model = await ScriptedModel.StartAsync(ScriptedModel.Text("ok"));
        var files = new TestToolSource("mcp:files", TestTool.Returning("read", "r"), TestTool.Returning("write", "w"));
        var config = ToolTurns.Config(model, allow: ["*"], deny: ["mcp:files/write", "send_file"]);
        await using var services = ToolTurns.Build(config, [TestTool.Returning("send_file", "s"), TestTool.Returning("weather", "w")], [files]);
        await using var sink = new RecordingReplySink();

        await services.AskAsync(sink);

        var offered = Assert.Single(model.Server.Requests).Json["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>());
        Assert.Equal(["weather", "read"], offered);
    }

    [Fact]
    public async Task RunAsync_DeniedToolCalledAnyway_NeverRuns()
    {
        await using var model = await ScriptedModel.StartAsync(
            ScriptedModel.Calls(("call_1", "wipe", "{}")),
            ScriptedModel.Text("ok"));
        var wipe = TestTool.Returning("wipe", "wiped");
        await using var services = ToolTurns.Build(ToolTurns.Config(model, allow: ["*"], deny: ["wipe"]), [wipe, TestTool.Returning("weather", "w")]);
        await using var sink = new RecordingReplySink();

        var answer = await services.AskAsync(sink);

        Assert.Equal("ok", answer.Text);
        Assert.Equal(0, wipe.Runs);
        Assert.DoesNotContain("wiped", model.Server.Requests[1].Body, StringComparison.Ordinal);
        Assert.Contains("not found", ToolCallingTests.ToolContent(model.Server.Requests[1].Json["messages"]!.AsArray()[^1]!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OwnerOnlyToolForNonOwner_OfferedButRefusedAndNeverRuns()
    {
        await using var model = await ScriptedModel.StartAsync(
            ScriptedModel.Calls(("call_1", "send_message", """{"to":"user:boss"}""")),
            ScriptedModel.Text("抱歉，我不能替你发消息。"));
        var send = TestTool.Returning("send_message", "sent");
        await using var services = ToolTurns.Build(ToolTurns.Config(model, allow: ["send_message"], owners: ["someone-else"]), [send]);
        await using var sink = new RecordingReplySink();

        var answer = await services.AskAsync(sink);

        Assert.Equal(0, send.Runs);
        Assert.False(Assert.Single(send.Turns).SenderIsOwner);
        Assert.Equal("send_message", Assert.Single(model.Server.Requests[0].Json["tools"]!.AsArray())!["function"]!["name"]!.GetValue<string>());
        var result = model.Server.Requests[1].Json["messages"]!.AsArray()[^1]!;
        Assert.Equal("tool", result["role"]!.GetValue<string>());
        Assert.StartsWith("Refused: the tool 'send_message' may only be used by the owners", ToolCallingTests.ToolContent(result), StringComparison.Ordinal);
        Assert.Equal("抱歉，我不能替你发消息。", answer.Text);
        Assert.Equal(new ReplyStatus(ReplyStatusKind.ToolFailed, "send_message"), sink.Statuses[^1]);
    }

    [Fact]
    public async Task RunAsync_OwnerOnlyToolForOwner_Runs()
    {
        await using var model = await ScriptedModel.StartAsync(
            ScriptedModel.Calls(("call_1", "send_message", """{"to":"user:boss"}""")),
            ScriptedModel.Text("已发送。"));
        var send = TestTool.Returning("send_message", "sent");
        await using var services = ToolTurns.Build(ToolTurns.Config(model, allow: ["send_message"], owners: ["staff-1"]), [send]);
        await using var sink = new RecordingReplySink();

        await services.AskAsync(sink);

        Assert.Equal(1, send.Runs);
        Assert.True(Assert.Single(send.Turns).SenderIsOwner);
        Assert.Equal("sent", ToolCallingTests.ToolContent(model.Server.Requests[1].Json["messages"]!.AsArray()[^1]!));
    }
}
