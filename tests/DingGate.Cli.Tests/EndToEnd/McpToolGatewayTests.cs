using System.Text.Json.Nodes;
using DingGate.Agent.Providers;
using DingGate.Agent.Tools.Mcp;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Tests.Support;
using DingGate.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// MCP tools through the real gateway: real MCP servers (the stdio test server as the gateway's child process, the
/// HTTP one in-process), the real openai provider against <see cref="ScriptedOpenAiServer"/> emitting real
/// <c>tool_calls</c>, and the answers asserted on the emulator's recorded webhook sends.
/// </summary>
public sealed class McpToolGatewayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_model_calls_a_stdio_and_an_http_MCP_tool_and_the_answer_contains_both_results()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        await using var model = await ScriptedOpenAiServer.StartAsync();
        await using var http = await HttpTestMcpServer.StartAsync();
        model.Script = request => request.LastMessageIsToolResult
            ? ScriptedModelReply.Text("查到了：", string.Join(" / ", CurrentResults(request)))
            : ScriptedModelReply.Calls(new ScriptedToolCall("echo", """{"text":"ping"}"""), new ScriptedToolCall("lookup", """{"key":"cat"}"""));
        using var state = new TempDirectory();
        await using var gateway = await StartAsync(emu, state.Path, model, c =>
        {
            c.Mcp.Servers["local"] = StdioTestMcpServer.Settings();
            c.Mcp.Servers["directory"] = new McpServerSettings { Url = http.Url, Headers = { ["Authorization"] = "Bearer e2e-mcp-token" } };
            c.Agents["default"] = new AgentSettings { Tools = { Allow = { "mcp:local/*", "mcp:directory/*" } } };
        });
        await ReadyAsync(gateway, "local", "directory");

        var dm = await emu.SendDmAsync("问一下 cat");
        await gateway.WaitForDmHistoryAsync(dm, 2);

        Assert.Superset(new HashSet<string> { "echo", "add", "lookup", "shout" }, model.Requests[0].ToolNames.ToHashSet());
        Assert.Equal(2, model.Requests.Count);
        Assert.Equal(["echo: ping", "cat is 42"], CurrentResults(model.Requests[1]));
        Assert.Equal("查到了：echo: ping / cat is 42", Wire.WebhookText(Assert.Single(await Wire.MessagesAsync(emu)).Body));
        Assert.Contains(http.Headers, h => h.GetValueOrDefault("authorization") == "Bearer e2e-mcp-token");
    }

    [Fact]
    public async Task In_card_mode_the_card_shows_the_MCP_tool_step_while_it_runs_and_the_answer_carries_its_result()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.Script = request => request.LastMessageIsToolResult
            ? ScriptedModelReply.Text("工具说：", CurrentResults(request)[^1])
            : ScriptedModelReply.Call("slow", """{"ms":6000}""");
        using var state = new TempDirectory();
        await using var gateway = await StartAsync(
            emu, state.Path, model,
            c =>
            {
                c.Mcp.Servers["local"] = StdioTestMcpServer.Settings();
                c.Agents["default"] = new AgentSettings { Tools = { Allow = { "mcp:local/*" } } };
            },
            messageType: "card");
        await ReadyAsync(gateway, "local");

        await emu.SendDmAsync("慢慢查");
        var cardId = await Wire.WaitForCardAsync(emu, 1);
        await Wire.AdvanceUntilStreamedAsync(emu, cardId);
        var whileRunning = await Wire.StreamingAsync(emu, cardId);
        var card = await emu.WaitForFinalizedCardAsync(cardId);

        Assert.Equal("> 🔎 正在调用 slow…", (string?)whileRunning[0].Body["content"]);
        Assert.Equal("> 🔧 已调用工具：slow ✅\n\n工具说：slept 6000", Wire.CardContent(card));
        Assert.Equal("FINISHED", (string?)card["state"]);
    }

    [Fact]
    public async Task A_tool_that_throws_or_times_out_still_gets_an_honest_answer()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.Script = request => request.LastMessageIsToolResult
            ? ScriptedModelReply.Text("工具说：", CurrentResults(request)[^1])
            : request.LastUserText!.Contains("慢一点", StringComparison.Ordinal)
                ? ScriptedModelReply.Call("slow", """{"ms":120000}""")
                : ScriptedModelReply.Call("fail", "{}");
        using var state = new TempDirectory();
        await using var gateway = await StartAsync(emu, state.Path, model, c =>
        {
            c.Mcp.Servers["local"] = StdioTestMcpServer.Settings();
            c.Agents["default"] = new AgentSettings { Tools = { Allow = { "mcp:local/*" } } };
            c.Tools.CallTimeoutMs = 5_000;
        });
        await ReadyAsync(gateway, "local");

        var failing = await emu.SendDmAsync("试试 fail");
        await gateway.WaitForDmHistoryAsync(failing, 2);
        var slow = await emu.SendDmAsync("慢一点");
        // The call timeout runs on the gateway's (fake) clock: move it on until the answer is stored.
        await TestWait.UntilAsync(
            async () =>
            {
                emu.Time!.Advance(TimeSpan.FromSeconds(1));
                return (await Wire.MessagesAsync(emu)).Count >= 2;
            },
            "the answer after the slow tool timed out",
            Patience);

        var texts = (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)).ToList();
        Assert.StartsWith("工具说：Error:", texts[0], StringComparison.Ordinal);
        Assert.Contains("fail", texts[0], StringComparison.Ordinal);
        Assert.StartsWith("工具说：", texts[1], StringComparison.Ordinal);
        Assert.Contains("slow", texts[1], StringComparison.Ordinal);
        Assert.Contains("time", texts[1], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, texts.Count);
    }

    [Fact]
    public async Task A_stdio_server_that_dies_mid_call_still_gets_an_answer_its_tools_go_away_and_come_back_after_the_restart()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.Script = request => request.LastMessageIsToolResult
            ? ScriptedModelReply.Text("工具说：", CurrentResults(request)[^1])
            : request.LastUserText!.Contains("崩一下", StringComparison.Ordinal) ? ScriptedModelReply.Call("crash", "{}")
            : request.ToolNames.Contains("echo") ? ScriptedModelReply.Call("echo", """{"text":"back"}""")
            : ScriptedModelReply.Text("现在没有工具可用");
        using var state = new TempDirectory();
        await using var gateway = await StartAsync(emu, state.Path, model, c =>
        {
            c.Mcp.Servers["local"] = StdioTestMcpServer.Settings();
            c.Agents["default"] = new AgentSettings { Tools = { Allow = { "mcp:local/*" } } };
        });
        var source = await ReadyAsync(gateway, "local");

        var crash = await emu.SendDmAsync("崩一下");
        await gateway.WaitForDmHistoryAsync(crash, 2);
        await TestWait.UntilAsync(() => source.Server.State.Status == McpServerStatus.Unavailable, "the server marked down", Patience);
        var whileDown = await emu.SendDmAsync("在吗");
        await gateway.WaitForDmHistoryAsync(whileDown, 4);
        await TestWait.UntilAsync(
            () =>
            {
                if (source.Server.State.Status == McpServerStatus.Unavailable)
                {
                    emu.Time!.Advance(TimeSpan.FromSeconds(1));
                }

                return source.Server.State is { Status: McpServerStatus.Available, Starts: 2 };
            },
            "the server restarted",
            Patience);
        var back = await emu.SendDmAsync("回来了吗");
        await gateway.WaitForDmHistoryAsync(back, 6);

        var texts = (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)).ToList();
        Assert.Equal(3, texts.Count);
        Assert.StartsWith("工具说：Error:", texts[0], StringComparison.Ordinal);
        Assert.Contains("local", texts[0], StringComparison.Ordinal);
        Assert.Equal("现在没有工具可用", texts[1]);
        Assert.Equal("工具说：echo: back", texts[2]);
        var offeredWhileDown = model.Requests.Single(r => r.LastUserText!.Contains("在吗", StringComparison.Ordinal)).ToolNames;
        Assert.DoesNotContain("echo", offeredWhileDown);
    }

    private static Task<GatewayUnderTest> StartAsync(
        EmulatorUnderTest emu, string state, ScriptedOpenAiServer model, Action<DinggateConfig> configure, string messageType = "markdown") =>
        GatewayUnderTest.StartAsync(
            emu, state, new ScriptedChatClient(), s => s.MessageType = messageType,
            configureConfig: c =>
            {
                c.Models["default"].BaseUrl = model.BaseUrl;
                configure(c);
            },
            services: s =>
            {
                s.RemoveAll<IChatClientProvider>();
                s.AddSingleton<IChatClientProvider, ConfiguredChatClientProvider>();
            });

    // The gateway answers while its MCP servers start; a test that needs their tools waits for them.
    private static async Task<McpToolSource> ReadyAsync(GatewayUnderTest gateway, params string[] servers)
    {
        var supervisor = gateway.Services.GetRequiredService<McpSupervisor>();
        await TestWait.UntilAsync(
            () => servers.All(s => supervisor.Source(s).Server.State.Status == McpServerStatus.Available),
            "MCP servers available: " + string.Join(", ", servers),
            Patience);
        return supervisor.Source(servers[0]);
    }

    // The tool results of the current round: the tool messages after the last user message.
    private static List<string> CurrentResults(ScriptedModelRequest request)
    {
        var messages = request.Messages.OfType<JsonObject>().ToList();
        var lastUser = messages.FindLastIndex(m => (string?)m["role"] == "user");
        return [.. messages.Skip(lastUser + 1).Where(m => (string?)m["role"] == "tool").Select(m => m["content"] is JsonValue v ? v.GetValue<string>() : m["content"]!.ToJsonString())];
    }
}
