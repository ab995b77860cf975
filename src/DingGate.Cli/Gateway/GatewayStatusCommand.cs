using System.CommandLine;
using System.Text.Json;
using DingGate.Cli.Admin;
using DingGate.Cli.Config;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Gateway;

/// <summary><c>dinggate gateway status [--json]</c>: asks the running gateway's admin endpoint how each account is.</summary>
internal static class GatewayStatusCommand
{
    private const string Description = """
        Show whether the gateway runs on this state directory and, per account: connected, since when, last
        inbound message, reconnects, DingTalk API calls (since start and this month) and the last error. Reads
        <stateDir>/admin.json and admin.token and asks the gateway's admin endpoint on 127.0.0.1.
        Exit codes: 0 running, every account connected; 3 not running; 4 running, some account not connected;
        78 invalid configuration; 2 bad command line.
        """;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var json = new Option<bool>("--json") { Description = "Print the admin endpoint's status JSON." };
        var command = new Command("status", Description) { config, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = ConfigSource.FromProcess(parse.GetValue(config));
            LoadedConfig loaded;
            try
            {
                loaded = new ConfigLoader().Load(source);
            }
            catch (ConfigException ex)
            {
                await ConfigReport.WriteErrorsAsync(ex.Errors, error, cancellationToken);
                return ExitCodes.Config;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var status = await new AdminClient(loaded.StateDirectory, http).StatusAsync(cancellationToken);
            return await ReportAsync(status, loaded.StateDirectory, parse.GetValue(json), output, cancellationToken);
        });
        return command;
    }

    internal static async Task<int> ReportAsync(AdminStatus? status, string stateDirectory, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        if (status is null)
        {
            await output.WriteLineAsync(json
                ? JsonSerializer.Serialize(new { running = false, stateDirectory })
                : $"Gateway: not running (no admin endpoint answers for {stateDirectory}). Start it with 'dinggate gateway'.");
            return ExitCodes.NotRunning;
        }

        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(status, AdminJson.Default.AdminStatus));
        }
        else
        {
            await output.WriteLineAsync($"Gateway: running (pid {status.Pid}, up {Duration(TimeSpan.FromSeconds(status.UptimeSeconds))}), {(status.Ready ? "ready" : "NOT ready")}");
            await output.WriteLineAsync(StatusTable.Render(status.Accounts));
        }

        await output.FlushAsync(cancellationToken);
        return status.Ready ? ExitCodes.Ok : ExitCodes.NotReady;
    }

    internal static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes}m"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m {span.Seconds}s"
        : $"{(int)span.TotalSeconds}s";
}
