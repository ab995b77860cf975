namespace DingGate.Core.Tests.Configuration;

// tools, agents.<name>.tools and mcp (issue 15): every key bound; misspelt keys refused (a misspelt deny would open a
// tool); shapes and references checked with the path named.
public sealed class ToolsConfigTests : IDisposable
{
    private readonly ConfigFiles _files = new();

    [Fact]
    public void Load_EveryKey_Bound()
    {
        var loaded = _files.Load("""
            {
              tools: { maxRounds: 4, callTimeoutMs: 5000, resultMaxChars: 2000, workspace: "/srv/files", ownerOnly: ["schedule", "mcp:erp/*"],
                       fetchUrl: { allowPrivate: false, allowHosts: ["intranet.example.com", "10.0.0.5:8080"], maxBytes: 4096, maxChars: 900, timeoutMs: 3000, maxRedirects: 2 },
                       schedule: { timeZone: "Asia/Shanghai", missed: "skip", maxJobsPerSender: 5 } },
              agents: { default: { tools: { allow: ["send_file", "mcp:erp/*"], deny: ["mcp:erp/delete_order"] } } },
              mcp: { servers: {
                erp: { command: "erp-mcp", args: ["--stdio"], env: { ERP_KEY: "k" }, cwd: "/opt/erp", ownerOnly: true, startTimeoutMs: 9000 },
                search: { url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer t" }, enabled: false },
              } },
            }
            """);

        Assert.Empty(loaded.Warnings);
        var t = loaded.Config.Tools;
        Assert.Equal((4, 5000, 2000, "/srv/files"), (t.MaxRounds, t.CallTimeoutMs, t.ResultMaxChars, t.Workspace));
        Assert.Equal(["schedule", "mcp:erp/*"], t.OwnerOnly!);
        Assert.Equal(["intranet.example.com", "10.0.0.5:8080"], t.FetchUrl.AllowHosts);
        Assert.Equal((false, 4096L, 900, 3000, 2), (t.FetchUrl.AllowPrivate, t.FetchUrl.MaxBytes, t.FetchUrl.MaxChars, t.FetchUrl.TimeoutMs, t.FetchUrl.MaxRedirects));
        Assert.Equal(("Asia/Shanghai", "skip", 5), (t.Schedule.TimeZone, t.Schedule.Missed, t.Schedule.MaxJobsPerSender));
        var agent = loaded.Config.Agents["default"].Tools;
        Assert.Equal(["send_file", "mcp:erp/*"], agent.Allow);
        Assert.Equal(["mcp:erp/delete_order"], agent.Deny);
        var erp = loaded.Config.Mcp.Servers["erp"];
        Assert.Equal(("erp-mcp", "/opt/erp", true, 9000), (erp.Command, erp.Cwd, erp.OwnerOnly, erp.StartTimeoutMs));
        Assert.Equal(["--stdio"], erp.Args);
        Assert.Equal("k", erp.Env["ERP_KEY"]);
        var search = loaded.Config.Mcp.Servers["search"];
        Assert.Equal(new Uri("https://mcp.example.com/mcp"), search.Url);
        Assert.Equal("Bearer t", search.Headers["authorization"]);
        Assert.False(search.Enabled);
    }

    [Fact]
    public void Load_Absent_NoToolsAndDefaults()
    {
        var config = _files.Load("{ agents: { default: {} } }").Config;

        Assert.Empty(config.Agents["default"].Tools.Allow);
        Assert.Empty(config.Mcp.Servers);
        Assert.Null(config.Tools.MaxRounds);
        Assert.Null(config.Tools.OwnerOnly);
    }

    [Theory]
    [InlineData("{ agents: { default: { tools: { denny: ['fetch_url'] } } } }", "agents.default.tools.denny")]
    [InlineData("{ tools: { fetchUrl: { allowPrivat: true } } }", "tools.fetchUrl.allowPrivat")]
    [InlineData("{ mcp: { servers: { a: { command: 'x', argz: [] } } } }", "mcp.servers.a.argz")]
    [InlineData("{ mcp: { server: { } } }", "mcp.server")]
    public void Load_MisspeltKey_RefusedNamingThePath(string json, string path)
    {
        var error = _files.LoadFails(json);

        var problem = Assert.Single(error.Errors);
        Assert.Equal(path, problem.Path);
        Assert.Contains("unknown key", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ mcp: { servers: { a: { } } } }", "mcp.servers.a", "either command")]
    [InlineData("{ mcp: { servers: { a: { command: 'x', url: 'http://127.0.0.1:1/mcp' } } } }", "mcp.servers.a.url", "not both")]
    [InlineData("{ mcp: { servers: { a: { url: 'http://127.0.0.1:1/mcp', args: ['x'] } } } }", "mcp.servers.a.args", "stdio")]
    [InlineData("{ mcp: { servers: { 'a b': { command: 'x' } } } }", "mcp.servers.a b", "server names")]
    [InlineData("{ agents: { default: { tools: { allow: ['mcp:nope/*'] } } } }", "agents.default.tools.allow[0]", "names no server")]
    [InlineData("{ agents: { default: { tools: { allow: ['send file'] } } } }", "agents.default.tools.allow[0]", "must be *")]
    [InlineData("{ tools: { ownerOnly: ['mcp:x'] } }", "tools.ownerOnly[0]", "must be mcp:<server>/*")]
    [InlineData("{ tools: { ownerOnly: ['mcp:x/*'] } }", "tools.ownerOnly[0]", "names no server")]
    [InlineData("{ tools: { maxRounds: 0 } }", "tools.maxRounds", "between 1 and 64")]
    [InlineData("{ tools: { schedule: { timeZone: 'Mars/Olympus' } } }", "tools.schedule.timeZone", "time zone")]
    [InlineData("{ tools: { schedule: { missed: 'never' } } }", "tools.schedule.missed", "late | skip")]
    [InlineData("{ tools: { fetchUrl: { maxRedirects: 50 } } }", "tools.fetchUrl.maxRedirects", "between 0 and 20")]
    public void Load_BadShape_ErrorNamesThePath(string json, string path, string reason)
    {
        var error = _files.LoadFails(json);

        var problem = Assert.Single(error.Errors, e => e.Path == path);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GatewayAdminMetricsAuth_BoundAndMisspeltRefused()
    {
        Assert.False(_files.Load("{ gateway: { admin: { metricsAuth: false } } }").Config.Gateway.Admin.MetricsAuth);
        Assert.Null(_files.Load("{ }").Config.Gateway.Admin.MetricsAuth);
        Assert.Equal("gateway.admin.metricAuth", Assert.Single(_files.LoadFails("{ gateway: { admin: { metricAuth: false } } }").Errors).Path);
    }

    public void Dispose() => _files.Dispose();
}
