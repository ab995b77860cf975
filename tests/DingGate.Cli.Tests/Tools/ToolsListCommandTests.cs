using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.Cli.Tests.Support;
using DingGate.Tests.Shared;

namespace DingGate.Cli.Tests.Tools;

// dinggate tools list against real MCP servers: the stdio test server (a child process) and an HTTP one in-process.
public sealed class ToolsListCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dinggate-tools-" + Guid.NewGuid().ToString("N"));
    private HttpTestMcpServer _http = null!;
    private string _config = string.Empty;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _http = await HttpTestMcpServer.StartAsync();
        _config = Path.Combine(_dir, "dinggate.json");
        var local = JsonSerializer.Serialize(StdioTestMcpServer.DotnetHost);
        var dll = JsonSerializer.Serialize(StdioTestMcpServer.Dll);
        await File.WriteAllTextAsync(_config, $$"""
            {
              channels: { dingtalk: { clientId: "a", clientSecret: "b" } },
              gateway: { stateDir: "./state" },
              tools: { ownerOnly: ["mcp:directory/*", "send_message"] },
              agents: {
                main: { tools: { allow: ["mcp:local/*", "mcp:directory/lookup", "shout"], deny: ["mcp:local/crash"] } },
                helper: { tools: { allow: ["*"] } },
              },
              mcp: { servers: {
                local: { command: {{local}}, args: [{{dll}}], env: { DINGGATE_TEST_VALUE: "x" } },
                directory: { url: "{{_http.Url}}", headers: { "X-Api-Key": "k-tools-list-1" } },
                broken: { command: "/nonexistent/dinggate-mcp", startTimeoutMs: 5000 },
                off: { command: "/nonexistent/other", enabled: false },
              } },
            }
            """);
    }

    [Fact]
    public async Task Json_lists_every_tool_by_source_with_its_agents_and_every_server_with_its_status()
    {
        var (code, output, error) = await CliRun.RunAsync("tools", "list", "--json", "--config", _config);

        Assert.True(code == 0, error);
        var listing = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(["tools", "servers", "agents"], listing.Select(p => p.Key));
        Assert.Equal(["default", "helper", "main"], listing["agents"]!.AsArray().Select(a => a!.GetValue<string>()));

        var servers = listing["servers"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!.AsObject());
        Assert.Equal(["broken", "directory", "local", "off"], servers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("mcp:local", "stdio", "ok"), Server(servers["local"]));
        Assert.Equal(("mcp:directory", "http", "ok"), Server(servers["directory"]));
        Assert.Equal(2, servers["directory"]["tools"]!.GetValue<int>());
        Assert.Equal(("mcp:broken", "stdio", "unavailable"), Server(servers["broken"]));
        Assert.False(string.IsNullOrEmpty(servers["broken"]["error"]!.GetValue<string>()));
        Assert.Equal(("mcp:off", "stdio", "disabled"), Server(servers["off"]));

        var tools = listing["tools"]!.AsArray().Select(t => t!.AsObject()).ToList();
        Assert.All(tools, t => Assert.Equal(["name", "source", "description", "available", "ownerOnly", "agents"], t.Select(p => p.Key)));
        var echo = Tool(tools, "mcp:local", "echo");
        Assert.Equal(["helper", "main"], Agents(echo));
        Assert.False(echo["ownerOnly"]!.GetValue<bool>());
        Assert.True(echo["available"]!.GetValue<bool>());
        Assert.Contains("echo", echo["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["helper"], Agents(Tool(tools, "mcp:local", "crash")));
        var lookup = Tool(tools, "mcp:directory", "lookup");
        Assert.Equal(["helper", "main"], Agents(lookup));
        Assert.True(lookup["ownerOnly"]!.GetValue<bool>());
        // A bare name is a built-in's: "shout" does not name the MCP tool of that name.
        Assert.Equal(["helper"], Agents(Tool(tools, "mcp:directory", "shout")));
        Assert.DoesNotContain(tools, t => t["source"]!.GetValue<string>() is "mcp:broken" or "mcp:off");
        Assert.Contains(_http.Headers, h => h.GetValueOrDefault("x-api-key") == "k-tools-list-1");
        Assert.DoesNotContain("k-tools-list-1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_groups_tools_under_their_source_and_names_the_unavailable_server()
    {
        var (code, output, error) = await CliRun.RunAsync("tools", "list", "--config", _config);

        Assert.True(code == 0, error);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(lines, l => l.StartsWith("builtin (", StringComparison.Ordinal));
        var local = lines.FindIndex(l => l.StartsWith("mcp:local (stdio, ", StringComparison.Ordinal));
        Assert.True(local >= 0, output);
        Assert.Contains(lines.Skip(local + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)), l => l.Contains("echo", StringComparison.Ordinal) && l.Contains("agents: helper, main", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("mcp:directory (http, 2 tools)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("lookup", StringComparison.Ordinal) && l.Contains("owner-only", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("mcp:broken (stdio): unavailable: ", StringComparison.Ordinal));
        Assert.Contains("mcp:off (stdio): disabled", lines);
    }

    [Fact]
    public async Task An_invalid_configuration_exits_78()
    {
        var bad = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(bad, """{ channels: { dingtalk: { clientId: "a", clientSecret: "b" } }, mcp: { servers: { x: { } } } }""");

        var (code, _, error) = await CliRun.RunAsync("tools", "list", "--config", bad);

        Assert.Equal(78, code);
        Assert.Contains("mcp.servers.x", error, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _http.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static (string, string, string) Server(JsonObject server) =>
        (server["source"]!.GetValue<string>(), server["transport"]!.GetValue<string>(), server["status"]!.GetValue<string>());

    private static JsonObject Tool(List<JsonObject> tools, string source, string name) =>
        tools.Single(t => t["source"]!.GetValue<string>() == source && t["name"]!.GetValue<string>() == name);

    private static IEnumerable<string> Agents(JsonObject tool) => tool["agents"]!.AsArray().Select(a => a!.GetValue<string>());
}
