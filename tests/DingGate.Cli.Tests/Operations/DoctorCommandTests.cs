using Microsoft.Extensions.DependencyInjection;
using DingGate.Storage;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Cli.Tests.Support;
using DingGate.Emulator;

namespace DingGate.Cli.Tests.Operations;

public sealed class DoctorCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dinggate-doctor-" + Guid.NewGuid().ToString("N"));
    private readonly EmulatorHost _emulator = EmulatorHost.Create(new EmulatorOptions { Port = 0 });
    private string _config = string.Empty;

    public async Task InitializeAsync()
    {
        await _emulator.StartAsync();
        Directory.CreateDirectory(_dir);
        _config = Path.Combine(_dir, "dinggate.json");
    }

    [Fact]
    public async Task Doctor_AgainstEmulatorWithCardCheck_AllGreenAndTheTestCardFinalized()
    {
        await WriteConfigAsync("demo-secret", _emulator.BaseUrl);

        var (code, output, _) = await CliRun.RunAsync("doctor", "--config", _config, "--card-to", "user001");

        Assert.Equal(0, code);
        foreach (var line in new[]
        {
            "✓ configuration:", "✓ state directory:", "✓ [default] reach api", "✓ [default] reach oapi", "✓ [default] clock:",
            "✓ [default] credentials: access token issued", "✓ [default] stream: Stream registration accepted", "✓ [default] cards:", "All checks passed.",
        })
        {
            Assert.Contains(line, output, StringComparison.Ordinal);
        }

        using var http = new HttpClient();
        var cards = await http.GetFromJsonAsync<JsonArray>(new Uri(_emulator.BaseUrl, "/_emulator/cards"));
        var card = Assert.Single(cards!);
        Assert.True(card!["finalized"]!.GetValue<bool>());
        // Ended as replies end it: create "1", INPUTING "2", the finalize streaming update, FINISHED "3"; not spinning.
        Assert.Equal(("FINISHED", "3", false), (card["state"]!.GetValue<string>(), card["flowStatus"]!.GetValue<string>(), card["spinning"]!.GetValue<bool>()));
        var history = (await http.GetFromJsonAsync<JsonObject>(new Uri(_emulator.BaseUrl, "/_emulator/cards/" + card["outTrackId"]!.GetValue<string>())))!["history"]!.AsArray();
        Assert.Equal(
            ["create:1", "instances:2", "streaming:", "instances:3"],
            history.Select(h => h!["source"]!.GetValue<string>() + ":" + (h["source"]!.GetValue<string>() == "streaming" ? "" : h["data"]!["cardData"]!["cardParamMap"]!["flowStatus"]!.GetValue<string>())));
        Assert.Equal("user001", card["spaces"]![0]!["spaceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Doctor_ReportsTheMonthsQuotaFromTheStateDatabase()
    {
        await WriteConfigAsync("demo-secret", _emulator.BaseUrl);
        var month = DingGate.DingTalk.Quota.QuotaMonth.Of(DateTimeOffset.UtcNow);
        await using (var stores = new ServiceCollection().AddSqliteStorage(Path.Combine(_dir, "state")).BuildServiceProvider())
        {
            // What a gateway stored this month: 4 200 billed OpenAPI calls of the standard edition's 5 000.
            await stores.GetRequiredService<DingGate.Core.Storage.IApiUsageStore>().AddBilledAsync("default", month, 4200, CancellationToken.None);
        }

        var (_, output, _) = await CliRun.RunAsync("doctor", "--config", _config);

        var line = Assert.Single(output.Split('\n'), l => l.Contains("quota (default):", StringComparison.Ordinal));
        Assert.Contains($"{DingGate.DingTalk.Quota.QuotaMonth.Text(month)}: 4200 of 5000 OpenAPI calls used (84%)", line, StringComparison.Ordinal);
        Assert.Contains("step warned", line, StringComparison.Ordinal);
        Assert.Contains("forecast ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_WrongSecret_CredentialsFailWithFixAndNoSecret()
    {
        await WriteConfigAsync("wrong-secret-123", _emulator.BaseUrl);

        var (code, output, _) = await CliRun.RunAsync("doctor", "--config", _config);

        Assert.Equal(1, code);
        Assert.Contains("✗ [default] credentials:", output, StringComparison.Ordinal);
        Assert.Contains("fix: copy Client ID and Client Secret again", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[default] stream", output, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-123", output, StringComparison.Ordinal);
        Assert.Contains("1 check(s) failed.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_HostUnreachable_ReachFailsAndCredentialsSkipped_Json()
    {
        await WriteConfigAsync("demo-secret", new Uri("http://127.0.0.1:9"));

        var (code, output, _) = await CliRun.RunAsync("doctor", "--config", _config, "--json");

        var checks = JsonNode.Parse(output)!.AsArray().Select(c => (Name: c!["check"]!.GetValue<string>(), Status: c["status"]!.GetValue<string>(), Fix: c["fix"]?.GetValue<string>())).ToList();
        Assert.Equal(1, code);
        Assert.Contains(checks, c => c.Name.StartsWith("[default] reach api", StringComparison.Ordinal) && c.Status == "fail" && c.Fix!.Contains("firewall", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Name == "[default] credentials" && c.Status == "skip");
    }

    [Fact]
    public async Task Doctor_BrokenConfig_ConfigurationFailsNamingThePath()
    {
        await File.WriteAllTextAsync(_config, "{ channels: { dingtalk: { clientId: 'x', clientSecret: 'y', messageType: 'fax' } } }");

        var (code, output, _) = await CliRun.RunAsync("doctor", "--config", _config);

        Assert.Equal(1, code);
        Assert.Contains("✗ configuration: channels.dingtalk.messageType", output, StringComparison.Ordinal);
        Assert.Contains("fix:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_StateDirectoryOpenToOthers_WarnsWithChmodFix()
    {
        await WriteConfigAsync("demo-secret", _emulator.BaseUrl);
        var state = Path.Combine(_dir, "state");
        Directory.CreateDirectory(state);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(state, (UnixFileMode)0b111_101_101);

        var (code, output, _) = await CliRun.RunAsync("doctor", "--config", _config);

        Assert.Equal(0, code);
        Assert.Contains("! state directory:", output, StringComparison.Ordinal);
        Assert.Contains("fix: chmod 700 " + state, output, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Doctor_StartsEachMcpServer_PassesNamingItsToolsAndFailsNamingTheBrokenOne()
    {
        var dotnet = System.Text.Json.JsonSerializer.Serialize(DingGate.Tests.Shared.StdioTestMcpServer.DotnetHost);
        var dll = System.Text.Json.JsonSerializer.Serialize(DingGate.Tests.Shared.StdioTestMcpServer.Dll);
        await File.WriteAllTextAsync(_config, $$"""
            { channels: { dingtalk: { clientId: "dingdemoappkey", clientSecret: "demo-secret", messageType: "card",
                endpoints: { api: "{{_emulator.BaseUrl}}", oapi: "{{_emulator.BaseUrl}}" } } },
              gateway: { stateDir: "./state" },
              mcp: { servers: {
                local: { command: {{dotnet}}, args: [{{dll}}] },
                broken: { command: "sh", args: ["-c", "echo nope >&2; exit 7"] },
                off: { command: "sh", enabled: false },
              } } }
            """);

        var (code, output, _) = await CliRun.RunAsync("doctor", "--config", _config);

        Assert.Equal(1, code);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("✓ mcp:local: stdio server started, ", StringComparison.Ordinal) && l.Contains("tools: add, add_tool, crash, echo, env, fail, pid, slow", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("✗ mcp:broken: MCP server broken (stdio) did not start: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("- mcp:off: disabled", StringComparison.Ordinal));
        Assert.Contains("✓ [default] credentials: access token issued", output, StringComparison.Ordinal);
    }

    private Task WriteConfigAsync(string secret, Uri endpoint) => File.WriteAllTextAsync(_config, $$"""
        { channels: { dingtalk: { clientId: "dingdemoappkey", clientSecret: "{{secret}}", messageType: "card",
            endpoints: { api: "{{endpoint}}", oapi: "{{endpoint}}" } } },
          gateway: { stateDir: "./state" } }
        """);
}
