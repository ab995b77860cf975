using DingGate.Cli.Tests.EndToEnd;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration.Loading;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.Cli.Tests.Operations;

public sealed class OnboardCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dinggate-onboard-" + Guid.NewGuid().ToString("N"));
    private readonly string _file;

    public OnboardCommandTests()
    {
        Directory.CreateDirectory(_dir);
        _file = Path.Combine(_dir, "dinggate.json");

        // Kept by onboard (it writes models.default and channels.dingtalk only).
        File.WriteAllText(_file, "{ gateway: { stateDir: './state', adminPort: 0 } }");
    }

    [Fact]
    public async Task Onboard_ScriptedAnswersAgainstEmulator_WritesConfigThatRunsAWorkingGateway()
    {
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        const string answers = "demo\ndingdemoappkey\ndemo-secret\nmarkdown\nopen\nopen\nn\n";

        var (code, output, error) = await RunAsync(answers, "onboard", "--dingtalk-endpoint", emu.BaseUrl.ToString());

        Assert.Equal(0, code);
        Assert.Contains("✓ credentials and Stream registration accepted.", output, StringComparison.Ordinal);
        Assert.Empty(error);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_file));
        }

        var loaded = new ConfigLoader().Load(ConfigSource.Create(_file, _ => null, _dir));
        Assert.Equal(0, loaded.Config.Gateway.AdminPort);
        await using var run = CliRun.Start("gateway", "--config", _file);
        await TestWait.UntilAsync(() => run.Output.ToString().Contains("Press Ctrl+C to stop.", StringComparison.Ordinal) || run.Completion.IsCompleted, "the gateway banner");
        await emu.WaitForNewConnectionAsync([]);
        await emu.SendDmAsync("hello after onboarding");
        IReadOnlyList<RecordedCall> replies = [];
        await TestWait.UntilAsync(async () => (replies = await Wire.MessagesAsync(emu)).Count > 0, "the answer");
        Assert.Equal(0, await run.StopAsync());
        Assert.Contains("hello after onboarding", Wire.WebhookText(replies[0].Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Onboard_WrongSecretThenRightOne_AsksAgainAndWritesTheGoodOne()
    {
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        const string answers = "demo\ndingdemoappkey\nwrong-secret\ny\ndingdemoappkey\ndemo-secret\ncard\n\npairing\nopen\nn\n";

        var (code, output, _) = await RunAsync(answers, "onboard", "--dingtalk-endpoint", emu.BaseUrl.ToString());

        Assert.Equal(0, code);
        Assert.Contains("✗ credentials refused:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", output, StringComparison.Ordinal);
        var account = new ConfigLoader().Load(ConfigSource.Create(_file, _ => null, _dir)).Config.Channels.Dingtalk!.Resolve().Single();
        Assert.Equal(("demo-secret", "card", Core.Configuration.DmPolicy.Pairing), (account.ClientSecret, account.MessageType, account.DmPolicy));
    }

    [Fact]
    public async Task Onboard_AllFlagsModelUnreachable_Exit1NothingWritten()
    {
        var (code, output, error) = await RunAsync(string.Empty, "onboard", "--provider", "openai", "--base-url", "http://127.0.0.1:9/v1",
            "--api-key", "sk-test-key-123", "--model", "m", "--client-id", "dingx", "--client-secret", "s", "--message-type", "markdown",
            "--dm-policy", "open", "--group-policy", "open", "--start", "false");

        Assert.Equal(1, code);
        Assert.Contains("✗ the model did not answer:", output, StringComparison.Ordinal);
        Assert.Contains("nothing written", error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-key-123", output + error, StringComparison.Ordinal);
        Assert.Equal("{ gateway: { stateDir: './state', adminPort: 0 } }", await File.ReadAllTextAsync(_file));
    }

    [Fact]
    public async Task Onboard_AllFlagsSkipChecks_WritesWithoutAsking()
    {
        var (code, output, _) = await RunAsync(string.Empty, "onboard", "--provider", "openai", "--base-url", "https://dashscope.aliyuncs.com/compatible-mode/v1",
            "--api-key", "${DASHSCOPE_API_KEY:-x}", "--model", "qwen-plus", "--client-id", "dingx", "--client-secret", "${DT_SECRET:-y}",
            "--message-type", "card", "--card-template-id", "", "--dm-policy", "allowlist", "--group-policy", "allowlist", "--allow-from", "u1", "--allow-from", "u2",
            "--skip-checks", "--start", "false");

        var config = new ConfigLoader().Load(ConfigSource.Create(_file, _ => null, _dir)).Config;
        Assert.Equal(0, code);
        Assert.Contains("Configuration written", output, StringComparison.Ordinal);
        Assert.Equal(("openai", "qwen-plus"), (config.Models["default"].Provider, config.Models["default"].Model));
        Assert.Equal(["u1", "u2"], config.Channels.Dingtalk!.AllowFrom!);
    }

    [Fact]
    public async Task Onboard_InputEnds_Exit2NamingTheQuestion()
    {
        var (code, _, error) = await RunAsync("demo\n", "onboard");

        Assert.Equal(2, code);
        Assert.Contains("no answer for \"DingTalk Client ID (AppKey)\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Onboard_BadFlag_Exit2()
    {
        var (code, _, error) = await RunAsync(string.Empty, "onboard", "--dingtalk-endpoint", "not a url");

        Assert.Equal(2, code);
        Assert.Contains("--dingtalk-endpoint must be an absolute http:// or https:// URL", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        var output = new CapturingWriter();
        var error = new CapturingWriter();
        using var reader = new StringReader(input);
        var code = await DinggateCli.RunAsync([.. args, "--config", _file], reader, output, error, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90));
        return (code, output.ToString(), error.ToString());
    }
}
