using DingGate.Cli.Tests.Support;
using DingGate.Core.Tests.Configuration;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// <c>dinggate gateway --config file</c> run in-process as a user runs it: a valid config pointing at the emulator
/// connects, answers and stops with exit 0 when cancelled; a broken one or one with no enabled account exits 78.
/// </summary>
public sealed class GatewayCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public GatewayCommandTests() => Directory.CreateDirectory(_dir.Path);

    [Fact]
    public async Task Gateway_ValidConfigAtTheEmulator_ConnectsAnswersAndStopsWithExitZero()
    {
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        var state = Path.Combine(_dir.Path, "state");
        var file = Write("dinggate.json5", $$"""
            // What a user writes, pointed at the emulator's demo app; the offline demo model answers.
            {
              gateway: { stateDir: "{{state}}", logLevel: "warning", adminPort: 0 },
              models: { default: { provider: "demo" } },
              channels: { dingtalk: {
                enabled: true, dmPolicy: "open", messageType: "markdown",
                clientId: "{{EmulatorUnderTest.DemoClientId}}", clientSecret: "{{EmulatorUnderTest.DemoClientSecret}}",
                endpoints: { api: "{{emu.BaseUrl}}", oapi: "{{emu.BaseUrl}}" },
              } },
            }
            """);

        await using var run = CliRun.Start("gateway", "--config", file);
        await TestWait.UntilAsync(() => run.Output.ToString().Contains("Press Ctrl+C to stop.", StringComparison.Ordinal) || run.Completion.IsCompleted, "the gateway banner");
        Assert.False(run.Completion.IsCompleted, "the gateway exited early: " + run.Error);
        var connection = await emu.WaitForNewConnectionAsync([]);
        await emu.SendDmAsync("你好");
        IReadOnlyList<RecordedCall> replies = [];
        await TestWait.UntilAsync(async () => (replies = await Wire.MessagesAsync(emu)).Count > 0, "the demo model's answer");
        var code = await run.StopAsync();
        await emu.WaitForConnectionGoneAsync(connection);

        Assert.Equal(0, code);
        Assert.Equal("/robot/sendBySession", replies[0].Path);
        Assert.Contains("你好", Wire.WebhookText(replies[0].Body), StringComparison.Ordinal);
        var output = run.Output.ToString();
        Assert.Contains("DingGate gateway is running: 1 DingTalk account(s) (default).", output, StringComparison.Ordinal);
        Assert.Contains("Gateway stopped.", output, StringComparison.Ordinal);
        Assert.Matches(@"Admin:  http://127\.0\.0\.1:\d+/ \(bearer token in .*admin\.token\)", output);
        Assert.DoesNotContain(EmulatorUnderTest.DemoClientSecret, output + run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(state, "dinggate.db")), "the state lives in gateway.stateDir");
    }

    [Theory]
    [MemberData(nameof(BrokenConfigs.Cases), MemberType = typeof(BrokenConfigs))]
    public async Task Gateway_BrokenConfig_Exit78NamingPathAndReason(string name, string text, string path, string reason)
    {
        var file = Write(name + ".json5", text);

        var (code, output, error) = await CliRun.RunAsync("gateway", "--config", file);

        Assert.Equal(78, code);
        Assert.Contains($"error: {path}: ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains("dinggate gateway: configuration invalid", error, StringComparison.Ordinal);
        Assert.DoesNotContain(BrokenConfigs.Secret, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(BrokenConfigs.NumericSecret, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("is running", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("disabled", """{ channels: { dingtalk: { enabled: false, clientId: "dingabc", clientSecret: "s" } } }""")]
    [InlineData("no-channel", """{ models: { default: { provider: "demo" } } }""")]
    [InlineData("disabled-account", """{ channels: { dingtalk: { accounts: { main: { enabled: false, clientId: "dingabc", clientSecret: "s" } } } } }""")]
    public async Task Gateway_NoEnabledAccount_Exit78(string name, string text)
    {
        var file = Write(name + ".json5", text);

        var (code, output, error) = await CliRun.RunAsync("gateway", "--config", file);

        Assert.Equal(78, code);
        Assert.Contains("error: channels.dingtalk: no enabled account", error, StringComparison.Ordinal);
        Assert.DoesNotContain("is running", output, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text)
    {
        var file = Path.Combine(_dir.Path, name);
        File.WriteAllText(file, text);
        return file;
    }
}
