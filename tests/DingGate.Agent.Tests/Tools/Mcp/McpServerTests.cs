using System.Diagnostics;
using DingGate.Agent.Tools;
using DingGate.Agent.Tools.Mcp;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Tests.Support;
using DingGate.Tests.Shared;
using Microsoft.Extensions.Logging;
using static DingGate.Agent.Tests.Tools.Mcp.McpTestHarness;

namespace DingGate.Agent.Tests.Tools.Mcp;

// Real MCP servers built on the official SDK: the stdio test server as a child process, the HTTP one in-process.
public sealed class McpServerTests
{
    [Fact]
    public async Task A_stdio_server_is_started_its_tools_listed_and_called_with_its_environment()
    {
        await using var mcp = McpTestHarness.Start(("local", StdioTestMcpServer.Settings(new Dictionary<string, string> { ["DINGGATE_TEST_VALUE"] = "from-config" })));

        var source = await mcp.AvailableAsync("local");

        Assert.Equal("mcp:local", source.Name);
        var listed = source.Describe();
        Assert.Contains(listed, t => t is { Name: "echo", Source: "mcp:local", Available: true } && t.Description.Contains("echo", StringComparison.Ordinal));
        Assert.Superset(new HashSet<string> { "echo", "add", "fail", "slow", "crash", "env" }, listed.Select(t => t.Name).ToHashSet());
        Assert.Equal("echo: 你好", await CallAsync(Tool(source, "echo"), ("text", "你好")));
        Assert.Equal("5", await CallAsync(Tool(source, "add"), ("a", 2), ("b", 3)));
        Assert.Equal("from-config", await CallAsync(Tool(source, "env"), ("name", "DINGGATE_TEST_VALUE")));
        var schema = Tool(source, "add").JsonSchema.GetRawText();
        Assert.Contains("\"a\"", schema, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_that_throws_is_an_error_result_not_an_exception()
    {
        await using var mcp = McpTestHarness.Start(("local", StdioTestMcpServer.Settings()));
        var source = await mcp.AvailableAsync("local");

        var result = await CallAsync(Tool(source, "fail"), []);

        Assert.StartsWith("Error:", result, StringComparison.Ordinal);
        Assert.Equal(McpServerStatus.Available, source.Server.State.Status);
        Assert.Equal("echo: still here", await CallAsync(Tool(source, "echo"), ("text", "still here")));
    }

    [Fact]
    public async Task An_http_server_is_listed_and_called_with_the_configured_headers()
    {
        await using var http = await HttpTestMcpServer.StartAsync();
        var settings = new McpServerSettings { Url = http.Url };
        settings.Headers["X-Api-Key"] = "k-secret-123";
        await using var mcp = McpTestHarness.Start(("directory", settings));

        var source = await mcp.AvailableAsync("directory");

        Assert.Equal(["lookup", "shout"], source.Describe().Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal("cat is 42", await CallAsync(Tool(source, "lookup"), ("key", "cat")));
        Assert.NotEmpty(http.Headers);
        Assert.All(http.Headers, h => Assert.Equal("k-secret-123", h.GetValueOrDefault("x-api-key")));
        Assert.DoesNotContain(mcp.Logs.Lines, l => l.Message.Contains("k-secret-123", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tools_are_listed_again_when_the_server_says_they_changed()
    {
        await using var mcp = McpTestHarness.Start(("local", StdioTestMcpServer.Settings()));
        var source = await mcp.AvailableAsync("local");
        Assert.DoesNotContain(source.Describe(), t => t.Name == "late");

        Assert.Equal("added late", await CallAsync(Tool(source, "add_tool"), ("name", "late"), ("answer", "I came later")));

        await TestWait.UntilAsync(() => source.Describe().Any(t => t.Name == "late"), "the new tool listed after notifications/tools/list_changed", Patience);
        Assert.Equal("I came later", await CallAsync(Tool(source, "late"), []));
        Assert.Equal(1, source.Server.State.Starts);
    }

    [Fact]
    public async Task A_stdio_server_that_dies_has_its_tools_marked_unavailable_and_is_restarted_with_them()
    {
        await using var mcp = McpTestHarness.Start(("local", StdioTestMcpServer.Settings()));
        var source = await mcp.AvailableAsync("local");
        var echo = Tool(source, "echo");
        var firstPid = await CallAsync(Tool(source, "pid"), []);

        var crashed = await CallAsync(Tool(source, "crash"), []);

        Assert.StartsWith("Error:", crashed, StringComparison.Ordinal);
        await TestWait.UntilAsync(() => source.Server.State.Status == McpServerStatus.Unavailable, "the server marked down", Patience);
        Assert.Empty(source.ToolsFor(null!));
        Assert.NotEmpty(source.Describe());
        Assert.All(source.Describe(), t => Assert.False(t.Available));
        var whileDown = await CallAsync(echo, ("text", "anyone?"));
        Assert.StartsWith("Error:", whileDown, StringComparison.Ordinal);
        Assert.Contains("local", whileDown, StringComparison.Ordinal);
        Assert.Contains(mcp.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("MCP server local is down (exited with code 3", StringComparison.Ordinal) && l.Message.Contains("unavailable", StringComparison.Ordinal));

        source = await mcp.RestartedAsync("local", starts: 2);

        Assert.All(source.Describe(), t => Assert.True(t.Available));
        Assert.NotEqual(firstPid, await CallAsync(Tool(source, "pid"), []));
        Assert.Equal("echo: back", await CallAsync(echo, ("text", "back")));
    }

    [Fact]
    public async Task A_server_that_cannot_start_is_retried_with_backoff_and_reported()
    {
        await using var mcp = McpTestHarness.Start(("missing", new McpServerSettings { Command = "/nonexistent/dinggate-mcp-server" }));
        var source = mcp.Source("missing");

        await TestWait.UntilAsync(() => source.Server.State.Status == McpServerStatus.Unavailable, "the start failure", Patience);
        Assert.Contains("failed to start", source.Server.State.Error, StringComparison.Ordinal);
        Assert.Empty(source.ToolsFor(null!));
        Assert.Empty(source.Describe());

        await TestWait.UntilAsync(
            () =>
            {
                mcp.Time.Advance(TimeSpan.FromSeconds(1));
                return source.Server.State.Starts >= 3;
            },
            "two restarts",
            Patience);
        Assert.Contains(mcp.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith("MCP server missing is down (failed to start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_http_server_that_is_down_is_retried_and_picked_up_when_it_answers()
    {
        var http = await HttpTestMcpServer.StartAsync();
        var url = http.Url;
        await http.DisposeAsync();
        await using var mcp = McpTestHarness.Start(("directory", new McpServerSettings { Url = url }));
        var source = mcp.Source("directory");

        await TestWait.UntilAsync(() => source.Server.State.Status == McpServerStatus.Unavailable, "the HTTP start failure", Patience);

        Assert.Contains("failed to start", source.Server.State.Error, StringComparison.Ordinal);
        Assert.Empty(source.ToolsFor(null!));
    }

    [Fact]
    public async Task An_http_server_that_goes_away_gives_an_error_result_and_is_marked_down()
    {
        var http = await HttpTestMcpServer.StartAsync();
        await using var mcp = McpTestHarness.Start(("directory", new McpServerSettings { Url = http.Url }));
        var source = await mcp.AvailableAsync("directory");
        var lookup = Tool(source, "lookup");
        await http.DisposeAsync();

        var result = await CallAsync(lookup, ("key", "cat"));

        Assert.StartsWith("Error: the MCP server 'directory' failed while running lookup", result, StringComparison.Ordinal);
        await TestWait.UntilAsync(() => source.Server.State.Status != McpServerStatus.Available, "the HTTP server marked down", Patience);
        Assert.Empty(source.ToolsFor(null!));
    }

    [Fact]
    public async Task A_server_that_does_not_answer_within_startTimeoutMs_is_reported_as_timed_out()
    {
        await using var mcp = McpTestHarness.Start(("mute", new McpServerSettings { Command = "sleep", Args = ["600"], StartTimeoutMs = 500 }));
        var source = mcp.Source("mute");

        await TestWait.UntilAsync(
            () =>
            {
                if (source.Server.State.Status == McpServerStatus.Starting)
                {
                    mcp.Time.Advance(TimeSpan.FromMilliseconds(600));
                }

                return source.Server.State is { Status: McpServerStatus.Unavailable, Error: { } e } && e.Contains("startTimeoutMs", StringComparison.Ordinal);
            },
            "the start timeout",
            Patience);
    }

    [Fact]
    public async Task Stopping_the_supervisor_kills_the_stdio_child()
    {
        var mcp = McpTestHarness.Start(("local", StdioTestMcpServer.Settings()));
        var source = await mcp.AvailableAsync("local");
        var pid = int.Parse(await CallAsync(Tool(source, "pid"), []), System.Globalization.CultureInfo.InvariantCulture);
        using var child = Process.GetProcessById(pid);

        await mcp.DisposeAsync();

        await TestWait.UntilAsync(() => child.HasExited, "the child process gone", Patience);
        Assert.Empty(source.ToolsFor(null!));
    }

    [Fact]
    public async Task A_disabled_server_is_not_started_and_offers_no_source()
    {
        var disabled = StdioTestMcpServer.Settings();
        disabled.Enabled = false;
        await using var mcp = McpTestHarness.Start(("off", disabled), ("local", StdioTestMcpServer.Settings()));

        Assert.Equal(["mcp:local"], mcp.Supervisor.Sources.Select(s => s.Name));
        Assert.Throws<ArgumentException>(() => mcp.Source("off"));
        Assert.IsAssignableFrom<IToolSource>(await mcp.AvailableAsync("local"));
    }
}
