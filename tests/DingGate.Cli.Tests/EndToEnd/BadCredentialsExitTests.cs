using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DingGate.Cli.Admin;
using DingGate.Cli.Tests.Support;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 13 item 6: when DingTalk rejects the credentials of every account, no account can ever connect, so
/// <c>dinggate gateway</c> stops and exits 78 (EX_CONFIG) naming the accounts and the reason (stderr and the log),
/// the secrets masked. With one account healthy it keeps running and answering.
/// </summary>
public sealed class BadCredentialsExitTests : IDisposable
{
    private const string WrongSecret = "wrong-secret-value-0001";
    private readonly TempDirectory _dir = new();

    public BadCredentialsExitTests() => Directory.CreateDirectory(_dir.Path);

    [Fact]
    public async Task Gateway_EveryAccountsCredentialsRejected_Exit78NamingEachAccount()
    {
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        var state = Path.Combine(_dir.Path, "state");
        var file = Config(emu, state, $$"""
            wrongsecret: { clientId: "{{EmulatorUnderTest.DemoClientId}}", clientSecret: "{{WrongSecret}}" },
            unknownapp: { clientId: "dingnosuchapp", clientSecret: "{{WrongSecret}}" },
            """);

        await using var run = CliRun.Start("gateway", "--config", file);
        var code = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var error = run.Error.ToString();
        Assert.Equal(78, code);
        Assert.Contains("dinggate gateway: DingTalk rejected the credentials of every account (2); none can connect, stopping (exit 78).", error, StringComparison.Ordinal);
        Assert.Contains("  unknownapp: Bad credentials: DingTalk rejected client id 'dingnosuchapp'", error, StringComparison.Ordinal);
        Assert.Contains($"  wrongsecret: Bad credentials: DingTalk rejected client id '{EmulatorUnderTest.DemoClientId}'", error, StringComparison.Ordinal);
        Assert.Contains($"Fix clientId / clientSecret in {file}", error, StringComparison.Ordinal);
        var logs = string.Join('\n', Directory.GetFiles(Path.Combine(state, "logs"), "*.jsonl").Select(File.ReadAllText));
        var critical = logs.Split('\n').Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).Single(l => (int?)l["eventId"] == 6201);
        Assert.Equal("critical", (string?)critical["level"]);
        Assert.Contains("wrongsecret: Bad credentials", (string?)critical["message"], StringComparison.Ordinal);
        Assert.Contains("exit code 78", run.Output.ToString(), StringComparison.Ordinal); // the console log has it too
        Assert.DoesNotContain(WrongSecret, run.Output + error + logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Gateway stopped.", run.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_OneAccountHealthyOneRejected_KeepsRunningAndAnswers()
    {
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        var state = Path.Combine(_dir.Path, "state");
        var file = Config(emu, state, $$"""
            good: { clientId: "{{EmulatorUnderTest.DemoClientId}}", clientSecret: "{{EmulatorUnderTest.DemoClientSecret}}" },
            bad: { clientId: "dingnosuchapp", clientSecret: "{{WrongSecret}}" },
            """);

        await using var run = CliRun.Start("gateway", "--config", file);
        await TestWait.UntilAsync(() => run.Output.ToString().Contains("Press Ctrl+C to stop.", StringComparison.Ordinal) || run.Completion.IsCompleted, "the gateway banner");
        await TestWait.UntilAsync(async () => await AccountStateAsync(state, "bad") == "failed", "the bad account failed for good");
        await emu.WaitForNewConnectionAsync([]);
        await emu.SendDmAsync("你好");
        await TestWait.UntilAsync(async () => (await Wire.MessagesAsync(emu)).Count > 0, "the demo model's answer through the good account");

        Assert.False(run.Completion.IsCompleted, "the gateway exited: " + run.Error);
        Assert.Equal("connected", await AccountStateAsync(state, "good"));
        Assert.Equal(0, await run.StopAsync());
        Assert.DoesNotContain("every account", run.Error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private string Config(EmulatorUnderTest emu, string state, string accounts)
    {
        var file = Path.Combine(_dir.Path, "dinggate.json5");
        File.WriteAllText(file, $$"""
            {
              gateway: { stateDir: "{{state}}", adminPort: 0 },
              models: { default: { provider: "demo" } },
              channels: { dingtalk: {
                dmPolicy: "open", messageType: "markdown",
                endpoints: { api: "{{emu.BaseUrl}}", oapi: "{{emu.BaseUrl}}" },
                accounts: { {{accounts}} },
              } },
            }
            """);
        return file;
    }

    // The account's state as the admin endpoint's /status shows it; null while the gateway has not announced itself.
    private static async Task<string?> AccountStateAsync(string state, string account)
    {
        if (AdminAnnouncement.ReadFrom(state) is not { } announcement)
        {
            return null;
        }

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Path.Combine(state, AdminToken.FileName))).Trim());
        var status = JsonNode.Parse(await http.GetStringAsync(new Uri(announcement.Url, "/status")))!;
        return (string?)status["accounts"]!.AsArray().Single(a => (string?)a!["id"] == account)!["state"];
    }
}
