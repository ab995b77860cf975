using System.Text;

namespace DingGate.Cli.Service;

/// <summary>
/// A systemd user unit (<c>~/.config/systemd/user/dinggate.service</c>, <c>Type=notify</c>: the host tells systemd when
/// it is ready and stopping), driven through <c>systemctl --user</c>. Stopping sends SIGTERM; the gateway finishes its
/// running answers within <c>TimeoutStopSec</c>. A failure is restarted, except exit 78 (invalid configuration, or
/// DingTalk rejected the credentials of every account): restarting cannot fix those, <c>systemctl status</c> shows why.
/// </summary>
internal sealed class SystemdUserService(ICommandRunner runner, string unitDirectory) : IGatewayService
{
    public const string UnitName = "dinggate.service";

    public string Description => "systemd user unit " + UnitName;

    public string UnitPath => Path.Combine(unitDirectory, UnitName);

    public static string DefaultUnitDirectory(string home) =>
        Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "systemd", "user") : Path.Combine(home, ".config", "systemd", "user");

    public static string UnitText(ServiceDefinition definition) => $"""
        [Unit]
        Description=DingGate (DingTalk AI gateway)
        After=network-online.target
        Wants=network-online.target

        [Service]
        Type=notify
        ExecStart={string.Join(' ', definition.Command.Select(Quote))}
        Restart=on-failure
        RestartSec=5
        RestartPreventExitStatus=78
        TimeoutStopSec=30
        KillSignal=SIGTERM

        [Install]
        WantedBy=default.target

        """;

    public async Task<ServiceOutcome> InstallAsync(ServiceDefinition definition, bool force, CancellationToken cancellationToken)
    {
        if (File.Exists(UnitPath) && !force)
        {
            return new ServiceOutcome(false, $"{UnitPath} exists; use --force to replace it");
        }

        PrivateDirectory.Create(unitDirectory);
        await File.WriteAllTextAsync(UnitPath, UnitText(definition), cancellationToken);
        return await ChainAsync(cancellationToken, ["daemon-reload"], ["enable", UnitName]) is { Ok: false } failed
            ? failed
            : new ServiceOutcome(true, $"installed {UnitPath} and enabled it (starts at login; 'loginctl enable-linger {Environment.UserName}' keeps it running after logout). Start it with 'dinggate gateway start'.");
    }

    public async Task<ServiceOutcome> UninstallAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(UnitPath))
        {
            return new ServiceOutcome(false, $"not installed ({UnitPath} does not exist)");
        }

        var disabled = await SystemctlAsync(cancellationToken, "disable", "--now", UnitName);
        File.Delete(UnitPath);
        var reloaded = await SystemctlAsync(cancellationToken, "daemon-reload");
        return disabled.Ok && reloaded.Ok
            ? new ServiceOutcome(true, $"stopped, disabled and removed {UnitPath}")
            : new ServiceOutcome(false, $"removed {UnitPath}, but systemctl said: {(disabled.Ok ? reloaded : disabled).Text}");
    }

    public Task<ServiceOutcome> StartAsync(CancellationToken cancellationToken) => ActAsync("start", "started", cancellationToken);

    public Task<ServiceOutcome> StopAsync(CancellationToken cancellationToken) => ActAsync("stop", "stopped (running answers were finished or finalized)", cancellationToken);

    public Task<ServiceOutcome> RestartAsync(CancellationToken cancellationToken) => ActAsync("restart", "restarted", cancellationToken);

    public async Task<ServiceState> StatusAsync(CancellationToken cancellationToken)
    {
        var shown = await SystemctlAsync(cancellationToken, "show", UnitName, "--property=LoadState,ActiveState,SubState,MainPID");
        if (!shown.Ok)
        {
            return new ServiceState(false, File.Exists(UnitPath), false, "systemd user manager not available: " + shown.Text);
        }

        var properties = shown.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var loaded = properties.GetValueOrDefault("LoadState") is "loaded";
        var active = properties.GetValueOrDefault("ActiveState") is "active";
        var detail = loaded
            ? $"{properties.GetValueOrDefault("ActiveState")} ({properties.GetValueOrDefault("SubState")}){(active ? ", pid " + properties.GetValueOrDefault("MainPID") : string.Empty)}"
            : "not installed";
        return new ServiceState(true, loaded, active, detail);
    }

    // systemd quoting: arguments with spaces or quotes in double quotes; % and $ doubled (specifiers, variables).
    private static string Quote(string argument)
    {
        var escaped = new StringBuilder();
        foreach (var c in argument)
        {
            escaped.Append(c switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '%' => "%%",
                '$' => "$$",
                _ => c.ToString(),
            });
        }

        var text = escaped.ToString();
        return text.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or ';') ? $"\"{text}\"" : text;
    }

    private async Task<ServiceOutcome> ActAsync(string verb, string done, CancellationToken cancellationToken)
    {
        if (!File.Exists(UnitPath))
        {
            return new ServiceOutcome(false, $"not installed: run 'dinggate gateway install' first ({UnitPath} does not exist)");
        }

        var result = await SystemctlAsync(cancellationToken, verb, UnitName);
        return result.Ok ? new ServiceOutcome(true, $"{Description} {done}") : new ServiceOutcome(false, $"systemctl --user {verb} failed: {result.Text}");
    }

    private async Task<ServiceOutcome> ChainAsync(CancellationToken cancellationToken, params string[][] steps)
    {
        foreach (var step in steps)
        {
            var result = await SystemctlAsync(cancellationToken, step);
            if (!result.Ok)
            {
                return new ServiceOutcome(false, $"systemctl --user {string.Join(' ', step)} failed: {result.Text}" +
                    (result.Text.Contains("bus", StringComparison.OrdinalIgnoreCase) ? " (no systemd user session here: log in normally, or run 'dinggate gateway' under your own supervisor)" : string.Empty));
            }
        }

        return new ServiceOutcome(true, string.Empty);
    }

    private Task<CommandResult> SystemctlAsync(CancellationToken cancellationToken, params string[] arguments) =>
        runner.RunAsync("systemctl", ["--user", .. arguments], cancellationToken);
}
