namespace DingGate.Cli.Service;

/// <summary>
/// A Windows service "DingGate" (automatic start) managed through <c>sc.exe</c>; the host runs as a service through
/// the hosting package's Windows service lifetime. Needs an elevated prompt for install and uninstall.
/// </summary>
internal sealed class WindowsScService(ICommandRunner runner) : IGatewayService
{
    public const string ServiceName = "DingGate";

    public string Description => "Windows service " + ServiceName;

    public static string BinPath(ServiceDefinition definition) => string.Join(' ', definition.Command.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));

    public async Task<ServiceOutcome> InstallAsync(ServiceDefinition definition, bool force, CancellationToken cancellationToken)
    {
        if ((await StatusAsync(cancellationToken)).Installed)
        {
            if (!force)
            {
                return new ServiceOutcome(false, $"{Description} exists; use --force to replace it");
            }

            await ScAsync(cancellationToken, "delete", ServiceName);
        }

        var created = await ScAsync(cancellationToken, "create", ServiceName, "binPath=", BinPath(definition), "start=", "auto", "DisplayName=", "DingGate (DingTalk AI gateway)");
        return created.Ok
            ? new ServiceOutcome(true, $"installed {Description} (automatic start). Start it with 'dinggate gateway start'.")
            : new ServiceOutcome(false, $"sc.exe create failed (run from an elevated prompt): {created.Text}");
    }

    public async Task<ServiceOutcome> UninstallAsync(CancellationToken cancellationToken)
    {
        await ScAsync(cancellationToken, "stop", ServiceName);
        var deleted = await ScAsync(cancellationToken, "delete", ServiceName);
        return deleted.Ok ? new ServiceOutcome(true, $"removed {Description}") : new ServiceOutcome(false, $"sc.exe delete failed: {deleted.Text}");
    }

    public Task<ServiceOutcome> StartAsync(CancellationToken cancellationToken) => ActAsync("start", "started", cancellationToken);

    public Task<ServiceOutcome> StopAsync(CancellationToken cancellationToken) => ActAsync("stop", "stopping (running answers are finished or finalized)", cancellationToken);

    public async Task<ServiceOutcome> RestartAsync(CancellationToken cancellationToken)
    {
        var stopped = await StopAsync(cancellationToken);
        for (var i = 0; i < 60 && (await StatusAsync(cancellationToken)).Active; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        var started = await StartAsync(cancellationToken);
        return started.Ok ? new ServiceOutcome(true, $"{Description} restarted") : new ServiceOutcome(false, $"{stopped.Message}; {started.Message}");
    }

    public async Task<ServiceState> StatusAsync(CancellationToken cancellationToken)
    {
        var query = await ScAsync(cancellationToken, "query", ServiceName);
        if (query.ExitCode == 127)
        {
            return new ServiceState(false, false, false, "sc.exe not available");
        }

        if (!query.Ok)
        {
            return new ServiceState(true, false, false, "not installed");
        }

        var state = query.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("STATE", StringComparison.OrdinalIgnoreCase)) ?? "STATE unknown";
        return new ServiceState(true, true, state.Contains("RUNNING", StringComparison.OrdinalIgnoreCase), state);
    }

    private async Task<ServiceOutcome> ActAsync(string verb, string done, CancellationToken cancellationToken)
    {
        var result = await ScAsync(cancellationToken, verb, ServiceName);
        return result.Ok ? new ServiceOutcome(true, $"{Description} {done}") : new ServiceOutcome(false, $"sc.exe {verb} failed: {result.Text}");
    }

    private Task<CommandResult> ScAsync(CancellationToken cancellationToken, params string[] arguments) => runner.RunAsync("sc.exe", arguments, cancellationToken);
}
