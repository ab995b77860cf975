using DingGate.Cli.Tests.Support;

namespace DingGate.Cli.Tests.Config;

// config validate on mcp.servers: the shape (ToolsValidator) and a stdio command that exists (McpCommandCheck).
public sealed class McpConfigValidateTests : IDisposable
{
    private const string Channel = """channels: { dingtalk: { clientId: "a", clientSecret: "b" } }""";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dinggate-cli-mcp-" + Guid.NewGuid().ToString("N"));

    public McpConfigValidateTests()
    {
        Directory.CreateDirectory(_dir);
    }

    [Theory]
    [InlineData("""both: { command: "sh", url: "https://mcp.example.com/mcp" }""", "mcp.servers.both.url", "a server has either command or url, not both")]
    [InlineData("""neither: { args: ["x"] }""", "mcp.servers.neither", "needs either command (a stdio server) or url")]
    [InlineData("""web: { url: "https://mcp.example.com/mcp", env: { A: "b" } }""", "mcp.servers.web.args", "args, env and cwd belong to a stdio server")]
    [InlineData("""local: { command: "sh", headers: { Authorization: "Bearer x" } }""", "mcp.servers.local.headers", "headers belong to an HTTP server")]
    [InlineData("""local: { command: "sh", startTimeoutMs: 5 }""", "mcp.servers.local.startTimeoutMs", "must be at least 100")]
    [InlineData("""local: { command: "sh", colour: "red" }""", "mcp.servers.local.colour", "unknown key")]
    [InlineData("""local: { command: "sh", args: "not-a-list" }""", "mcp.servers.local.args", "")]
    [InlineData("""web: { url: "ftp://mcp.example.com/mcp" }""", "mcp.servers.web.url", "")]
    [InlineData("""local: { command: "/nonexistent/dinggate-mcp" }""", "mcp.servers.local.command", "the stdio server's command does not exist: no executable file at this path")]
    [InlineData("""local: { command: "dinggate-no-such-mcp-server" }""", "mcp.servers.local.command", "the stdio server's command does not exist: not found on PATH")]
    public async Task A_bad_server_entry_exits_78_naming_its_path(string server, string path, string reason)
    {
        var file = Write("bad.json5", "{ " + Channel + ", mcp: { servers: { " + server + " } } }");

        var (code, output, error) = await CliRun.RunAsync("config", "validate", "--config", file);

        Assert.Equal(78, code);
        Assert.Contains($"error: {path}: ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Configuration OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_allowing_an_unknown_server_exits_78_naming_the_pattern()
    {
        var file = Write("agent.json5", "{ " + Channel + """, mcp: { servers: { local: { command: "sh" } } }, agents: { main: { tools: { allow: ["mcp:remote/*"] } } } }""");

        var (code, _, error) = await CliRun.RunAsync("config", "validate", "--config", file);

        Assert.Equal(78, code);
        Assert.Contains("error: agents.main.tools.allow[0]: names no server under mcp.servers (defined: local)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_on_PATH_by_absolute_path_and_disabled_missing_ones_are_accepted()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var script = Path.Combine(_dir, "server.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var file = Write("ok.json5", "{ " + Channel + ", mcp: { servers: { "
            + """onpath: { command: "sh", args: ["-c", "true"] }, """
            + $$"""absolute: { command: "{{script}}" }, """
            + """off: { command: "/nonexistent/dinggate-mcp", enabled: false }, """
            + """web: { url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer x" } } } } }""");

        var (code, output, error) = await CliRun.RunAsync("config", "validate", "--config", file);

        Assert.True(code == 0, error);
        Assert.Contains("Configuration OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_executable_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var script = Path.Combine(_dir, "plain.txt");
        await File.WriteAllTextAsync(script, "not a program");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var file = Write("noexec.json5", "{ " + Channel + $$""", mcp: { servers: { local: { command: "{{script}}" } } } }""");

        var (code, _, error) = await CliRun.RunAsync("config", "validate", "--config", file);

        Assert.Equal(78, code);
        Assert.Contains("error: mcp.servers.local.command: the stdio server's command does not exist", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
