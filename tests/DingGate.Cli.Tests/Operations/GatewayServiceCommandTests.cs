using DingGate.Cli.Service;
using DingGate.Cli.Tests.Support;

namespace DingGate.Cli.Tests.Operations;

// gateway install|uninstall|start|stop|restart|status on Linux: the unit file written and the systemctl calls made.
public sealed class GatewayServiceCommandTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "dinggate-service-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingCommandRunner _runner = new();
    private readonly string _config;

    public GatewayServiceCommandTests()
    {
        Directory.CreateDirectory(_home);
        _config = Path.Combine(_home, "my configs", "dinggate%1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(_config)!);
        File.WriteAllText(_config, "{ channels: { dingtalk: { clientId: 'dingx', clientSecret: 's' } }, gateway: { stateDir: './state', adminPort: 0 } }");
    }

    private string UnitPath => Path.Combine(SystemdUserService.DefaultUnitDirectory(_home), SystemdUserService.UnitName);

    [Fact]
    public async Task Install_WritesNotifyUnitRunningThisProgramWithTheConfig_ReloadsAndEnables()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (code, output, _) = await RunAsync("gateway", "install", "--config", _config);

        var unit = await File.ReadAllTextAsync(UnitPath);
        Assert.Equal(0, code);
        Assert.Contains("installed " + UnitPath, output, StringComparison.Ordinal);
        Assert.Contains("Type=notify", unit, StringComparison.Ordinal);
        Assert.Contains("TimeoutStopSec=30", unit, StringComparison.Ordinal);
        Assert.Contains("RestartPreventExitStatus=78", unit, StringComparison.Ordinal); // a bad config or credentials: no restart loop
        var execStart = unit.Split('\n').Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal));
        Assert.EndsWith($" gateway --config \"{_config.Replace("%", "%%", StringComparison.Ordinal)}\"", execStart, StringComparison.Ordinal);
        Assert.Equal(["systemctl --user daemon-reload", "systemctl --user enable dinggate.service"], _runner.Calls);
    }

    [Fact]
    public async Task Install_Twice_SecondRefusedWithoutForce()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await RunAsync("gateway", "install", "--config", _config);

        var again = await RunAsync("gateway", "install", "--config", _config);
        var forced = await RunAsync("gateway", "install", "--config", _config, "--force");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("use --force", again.Error, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
    }

    [Fact]
    public async Task Install_InvalidConfig_Exit78NothingInstalled()
    {
        await File.WriteAllTextAsync(_config, "{ channels: { dingtalk: { dmPolicy: 'x' } } }");

        var (code, _, error) = await RunAsync("gateway", "install", "--config", _config);

        Assert.Equal(78, code);
        Assert.Contains("fix the configuration first", error, StringComparison.Ordinal);
        Assert.False(File.Exists(UnitPath));
        Assert.Empty(_runner.Calls);
    }

    [Fact]
    public async Task StartStopRestartUninstall_CallSystemctlAndRemoveTheUnit()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await RunAsync("gateway", "install", "--config", _config);

        var start = await RunAsync("gateway", "start");
        var stop = await RunAsync("gateway", "stop");
        var restart = await RunAsync("gateway", "restart", "--config", _config, "--wait", "0");
        var uninstall = await RunAsync("gateway", "uninstall");

        Assert.Equal([0, 0, 0, 0], new[] { start.ExitCode, stop.ExitCode, restart.ExitCode, uninstall.ExitCode });
        Assert.Equal(
            ["start dinggate.service", "stop dinggate.service", "restart dinggate.service", "disable --now dinggate.service", "daemon-reload"],
            _runner.Calls.Skip(2).Select(c => c["systemctl --user ".Length..]));
        Assert.False(File.Exists(UnitPath));
    }

    [Fact]
    public async Task Start_NotInstalled_Exit1SaysInstallFirst()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (code, _, error) = await RunAsync("gateway", "start");

        Assert.Equal(1, code);
        Assert.Contains("run 'dinggate gateway install' first", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_NoSystemdUserBus_Exit1WithTheReasonAndAWayOut()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        _runner.Answer = _ => new CommandResult(1, string.Empty, "Failed to connect to bus: No medium found");

        var (code, _, error) = await RunAsync("gateway", "install", "--config", _config);

        Assert.Equal(1, code);
        Assert.Contains("Failed to connect to bus", error, StringComparison.Ordinal);
        Assert.Contains("run 'dinggate gateway' under your own supervisor", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ServiceActiveGatewayNotAnswering_ShowsBothViews()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        _runner.Answer = args => args.Contains("show")
            ? new CommandResult(0, "LoadState=loaded\nActiveState=active\nSubState=running\nMainPID=4242\n", string.Empty)
            : new CommandResult(0, string.Empty, string.Empty);

        var (code, output, _) = await RunAsync("gateway", "status", "--config", _config);

        Assert.Equal(3, code);
        Assert.Contains("Service: systemd user unit dinggate.service: active (running), pid 4242", output, StringComparison.Ordinal);
        Assert.Contains("Gateway: not running", output, StringComparison.Ordinal);
        Assert.Contains("or 'dinggate gateway start'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnitText_ArgumentsWithSpacesQuotesPercentAndDollar_EscapedForSystemd()
    {
        var unit = SystemdUserService.UnitText(new ServiceDefinition(["/opt/ding gate/dinggate", "gateway", "--config", "/c/a\"b$%.json"]));

        Assert.Contains("ExecStart=\"/opt/ding gate/dinggate\" gateway --config \"/c/a\\\"b$$%%.json\"", unit, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new CapturingWriter();
        var error = new CapturingWriter();
        var code = await DinggateCli.RunAsync(args, TextReader.Null, output, error, new CliServices(_runner, _home), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        return (code, output.ToString(), error.ToString());
    }
}
