using DingGate.Cli.Tests.Support;
using DingGate.Core.Tests.Configuration;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.Cli.Tests.Config;

/// <summary>
/// Issue 13's acceptance for configurations: the hostile corpus (FIFO, <c>/dev/zero</c>, directories, sockets,
/// oversized files, duplicate keys, null sections, misspelt policy keys, empty allowlists) gives the same result in
/// <c>dinggate config validate</c> and <c>dinggate gateway</c> — the same error and warning lines, exit 78 naming the
/// path, or the same warning and a gateway that runs — and a refused configuration never reaches DingTalk (the
/// emulator records no call and no connection) nor creates the state database.
/// </summary>
public sealed class ConfigCheckParityTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public ConfigCheckParityTests() => Directory.CreateDirectory(_dir.Path);

    [Theory]
    [MemberData(nameof(HostileConfigs.Names), MemberType = typeof(HostileConfigs))]
    public async Task ValidateAndGateway_CorpusCase_SameResult(string name)
    {
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        var directory = Path.Combine(_dir.Path, name);
        var hostile = HostileConfigs.Create(name, directory, emu.BaseUrl, EmulatorUnderTest.DemoClientId, EmulatorUnderTest.DemoClientSecret);

        var validate = await ValidateAsync(hostile.ConfigPath);
        var gateway = await GatewayAsync(hostile.ConfigPath);

        var expected = $"{(hostile.IsWarning ? "warning" : "error")}: {hostile.Path}: ";
        Assert.Contains(validate.Lines, l => l.StartsWith(expected, StringComparison.Ordinal) && l.Contains(hostile.Fragment, StringComparison.Ordinal));
        Assert.Equal(validate.Lines, gateway.Lines);
        Assert.DoesNotContain(EmulatorUnderTest.DemoClientSecret, validate.All + gateway.All, StringComparison.Ordinal);
        if (hostile.IsWarning)
        {
            Assert.Equal((0, 0, true), (validate.Code, gateway.Code, gateway.Started));
            return;
        }

        Assert.Equal((78, 78, false), (validate.Code, gateway.Code, gateway.Started));
        Assert.Contains("dinggate gateway: configuration invalid", gateway.All, StringComparison.Ordinal);
        Assert.Empty(await emu.CallsAsync("/"));
        Assert.Empty(await emu.ActiveConnectionsAsync());
        Assert.False(File.Exists(Path.Combine(directory, "state", "dinggate.db")), "the state database was created for a refused configuration");
    }

    [Fact]
    public async Task ValidateAndGateway_AllowlistWithAnApprovedSender_NoWarningInEither()
    {
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        var hostile = HostileConfigs.Create("empty-allowlist", _dir.Path, emu.BaseUrl, EmulatorUnderTest.DemoClientId, EmulatorUnderTest.DemoClientSecret);
        var (allowCode, _, allowError) = await CliRun.RunAsync("allow", "add", "user007", "--config", hostile.ConfigPath);

        var validate = await ValidateAsync(hostile.ConfigPath);
        var gateway = await GatewayAsync(hostile.ConfigPath);

        Assert.True(allowCode == 0, allowError);
        Assert.Equal((0, 0, true), (validate.Code, gateway.Code, gateway.Started));
        Assert.DoesNotContain(validate.Lines, l => l.Contains("allowFrom", StringComparison.Ordinal));
        Assert.Equal(validate.Lines, gateway.Lines);
    }

    [Fact]
    public async Task ValidateAndGateway_DuplicatesWithAllowDuplicates_SameWarningAndTheGatewayRuns()
    {
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        var hostile = HostileConfigs.Create("duplicate-policy", _dir.Path, emu.BaseUrl, EmulatorUnderTest.DemoClientId, EmulatorUnderTest.DemoClientSecret);

        var validate = await ValidateAsync(hostile.ConfigPath, "--allow-duplicates");
        var gateway = await GatewayAsync(hostile.ConfigPath, "--allow-duplicates");

        Assert.Equal((0, 0, true), (validate.Code, gateway.Code, gateway.Started));
        Assert.Equal(["warning: channels.dingtalk.dmPolicy: duplicate key at lines 6 and 8: the value at line 8 is used (--allow-duplicates)"], validate.Lines);
        Assert.Equal(validate.Lines, gateway.Lines);
    }

    public void Dispose() => _dir.Dispose();

    private static async Task<Result> ValidateAsync(string config, params string[] extra)
    {
        var (code, output, error) = await CliRun.RunAsync(["config", "validate", "--config", config, .. extra]);
        return new Result(code, Lines(error), output + error, Started: false);
    }

    // Runs the gateway until it exits by itself or prints its banner (then stops it as Ctrl+C does).
    private static async Task<Result> GatewayAsync(string config, params string[] extra)
    {
        await using var run = CliRun.Start(["gateway", "--config", config, .. extra]);
        await TestWait.UntilAsync(
            () => run.Completion.IsCompleted || run.Output.ToString().Contains("Press Ctrl+C to stop.", StringComparison.Ordinal),
            "the gateway to start or exit", TimeSpan.FromSeconds(60));
        var started = !run.Completion.IsCompleted;
        var code = started ? await run.StopAsync() : await run.Completion;
        return new Result(code, Lines(run.Error.ToString()), run.Output.ToString() + run.Error, started);
    }

    private static string[] Lines(string text) =>
        [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("error: ", StringComparison.Ordinal) || l.StartsWith("warning: ", StringComparison.Ordinal))];

    private sealed record Result(int Code, string[] Lines, string All, bool Started);
}
