using System.CommandLine;
using DingGate.Cli.Admin;
using DingGate.Cli.Config;
using DingGate.Cli.Service;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Gateway;

/// <summary>
/// <c>dinggate gateway install|uninstall|start|stop|restart</c>: the gateway as a systemd user unit (Linux) or a
/// Windows service. <c>restart</c> waits (bounded) until the new gateway reports every account connected.
/// </summary>
internal static class GatewayServiceCommands
{
    private const string ExitCodesText = "Exit codes: 0 done; 1 the service manager refused or is not available; 2 bad command line; 78 invalid configuration.";

    public static IEnumerable<Command> Create(TextWriter output, TextWriter error, CliServices services)
    {
        yield return Install(output, error, services);
        yield return Simple("uninstall", "Stop the service and remove it.", s => s.UninstallAsync, output, error, services);
        yield return Simple("start", "Start the installed service.", s => s.StartAsync, output, error, services);
        yield return Simple("stop", "Stop the service: no new messages are taken, running answers are finished or finalized (up to 30 s).", s => s.StopAsync, output, error, services);
        yield return Restart(output, error, services);
    }

    private static Command Install(TextWriter output, TextWriter error, CliServices services)
    {
        var config = ConfigCommand.ConfigOption();
        var force = new Option<bool>("--force") { Description = "Replace an existing service definition." };
        var command = new Command("install", """
            Install the gateway as a service of this machine: a systemd user unit (~/.config/systemd/user/dinggate.service,
            enabled at login) on Linux, a Windows service "DingGate" (automatic start; elevated prompt) on Windows.
            The service runs 'dinggate gateway --config <the config file>'. On macOS use launchd (docs/operations.md).
            """ + "\n" + ExitCodesText) { config, force };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = ConfigSource.Create(parse.GetValue(config), Environment.GetEnvironmentVariable, services.Home);
            var check = await ConfigCheck.RunAsync(source, allowDuplicateKeys: false, cancellationToken);
            if (!check.IsValid)
            {
                await ConfigReport.WriteErrorsAsync(check.Errors, error, cancellationToken);
                await error.WriteLineAsync("dinggate gateway install: fix the configuration first (the service would not start).");
                return ExitCodes.Config;
            }

            return await ReportAsync(Manager(services) is { } manager
                ? await manager.InstallAsync(ServiceDefinition.ForThisProgram(source.Path), parse.GetValue(force), cancellationToken)
                : Unsupported(), output, error);
        });
        return command;
    }

    private static Command Simple(string name, string description, Func<IGatewayService, Func<CancellationToken, Task<ServiceOutcome>>> action, TextWriter output, TextWriter error, CliServices services)
    {
        var command = new Command(name, description + "\n" + ExitCodesText);
        command.SetAction(async (_, cancellationToken) =>
            await ReportAsync(Manager(services) is { } manager ? await action(manager)(cancellationToken) : Unsupported(), output, error));
        return command;
    }

    private static Command Restart(TextWriter output, TextWriter error, CliServices services)
    {
        var config = ConfigCommand.ConfigOption();
        var wait = new Option<int>("--wait") { Description = "Seconds to wait for the restarted gateway to report every account connected (0: do not wait).", DefaultValueFactory = _ => 60 };
        var command = new Command("restart", """
            Restart the service to apply a new configuration. The old gateway finishes or finalizes its running answers
            (the unanswered messages are answered by the new one); then this waits until the new gateway reports every
            account connected, or --wait seconds.
            """ + "\n" + ExitCodesText) { config, wait };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (Manager(services) is not { } manager)
            {
                return await ReportAsync(Unsupported(), output, error);
            }

            var source = ConfigSource.Create(parse.GetValue(config), Environment.GetEnvironmentVariable, services.Home);
            var state = StateDirectory(source);
            var before = state is null ? null : AdminAnnouncement.ReadFrom(state);
            var outcome = await manager.RestartAsync(cancellationToken);
            var code = await ReportAsync(outcome, output, error);
            if (code != ExitCodes.Ok || parse.GetValue(wait) <= 0 || state is null)
            {
                return code;
            }

            using var http = AdminHttp.Create(TimeSpan.FromSeconds(5));
            var client = new AdminClient(state, http);
            var deadline = TimeProvider.System.GetUtcNow().AddSeconds(parse.GetValue(wait));
            while (TimeProvider.System.GetUtcNow() < deadline)
            {
                AdminStatus? status;
                try
                {
                    status = await client.StatusAsync(cancellationToken);
                }
                catch (AdminTrustException ex)
                {
                    await ex.WriteToAsync(error, "gateway restart");
                    return ExitCodes.Config;
                }

                if (status is { Ready: true } && (before is null || status.Pid != before.Pid || status.StartedAt != before.StartedAt))
                {
                    await output.WriteLineAsync($"The new gateway (pid {status.Pid}) is running and every account is connected.");
                    return ExitCodes.Ok;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, cancellationToken);
            }

            await error.WriteLineAsync($"The gateway did not report ready within {parse.GetValue(wait)} s; see 'dinggate gateway status' and 'dinggate logs --level warn'.");
            return ExitCodes.NotReady;
        });
        return command;
    }

    internal static IGatewayService? Manager(CliServices services) => GatewayServices.ForThisOs(services.Runner, services.Home);

    private static string? StateDirectory(ConfigSource source)
    {
        try
        {
            return new ConfigLoader().Load(source).StateDirectory;
        }
        catch (ConfigException)
        {
            return null;
        }
    }

    private static ServiceOutcome Unsupported() =>
        new(false, "no supported service manager on this OS (macOS: a launchd agent, see docs/operations.md); run 'dinggate gateway' under your own supervisor");

    private static async Task<int> ReportAsync(ServiceOutcome outcome, TextWriter output, TextWriter error)
    {
        await (outcome.Ok ? output : error).WriteLineAsync(outcome.Ok ? outcome.Message : "dinggate gateway: " + outcome.Message);
        return outcome.Ok ? ExitCodes.Ok : ExitCodes.Runtime;
    }
}
