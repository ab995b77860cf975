using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.Cli.Admin;
using DingGate.Cli.Config;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Gateway;

/// <summary><c>dinggate gateway status [--json]</c>: asks the running gateway's admin endpoint how each account is.</summary>
internal static class GatewayStatusCommand
{
    private const string Description = """
        Show whether the gateway runs on this state directory and, per account: connected, since when, last
        inbound message, reconnects, DingTalk API calls (since start and this month), failed messages (with the latest
        one's reason) and the last error; per quota group the month's billed OpenAPI calls, budget, forecast and
        degrade step; every live replica sharing the state (id, host, pid, version, heartbeat, turns running, each
        account's link). Reads
        <stateDir>/admin.json and admin.token and asks the gateway's admin endpoint on 127.0.0.1. The token is sent
        only to a loopback URL, from files owned by you and not open to other users (mode 0600); otherwise this refuses.
        Exit codes: 0 running, every account connected; 3 not running; 4 running, some account not connected;
        78 invalid configuration or untrusted admin files; 2 bad command line.
        """;

    public static Command Create(TextWriter output, TextWriter error, CliServices services)
    {
        var config = ConfigCommand.ConfigOption();
        var json = new Option<bool>("--json") { Description = "Print the admin endpoint's status JSON." };
        var command = new Command("status", Description) { config, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = ConfigSource.FromProcess(parse.GetValue(config));
            if (await ConfigReport.LoadOrReportAsync(source, error, cancellationToken) is not { } loaded)
            {
                return ExitCodes.Config;
            }

            using var http = AdminHttp.Create(TimeSpan.FromSeconds(5));
            AdminStatus? status;
            try
            {
                status = await new AdminClient(loaded.StateDirectory, http).StatusAsync(cancellationToken);
            }
            catch (AdminTrustException ex)
            {
                await ex.WriteToAsync(error, "gateway status");
                return ExitCodes.Config;
            }

            var service = GatewayServiceCommands.Manager(services) is { } manager ? (manager.Description, await manager.StatusAsync(cancellationToken)) : default;
            return await ReportAsync(status, service.Item2 is null ? null : service, loaded.StateDirectory, parse.GetValue(json), output, cancellationToken);
        });
        return command;
    }

    internal static async Task<int> ReportAsync(
        AdminStatus? status, (string Description, Service.ServiceState State)? service, string stateDirectory, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var serviceJson = service is { } s
            ? new JsonObject { ["manager"] = s.Description, ["available"] = s.State.Available, ["installed"] = s.State.Installed, ["active"] = s.State.Active, ["detail"] = s.State.Detail }
            : null;
        if (!json && service is { } shown)
        {
            await output.WriteLineAsync($"Service: {shown.Description}: {shown.State.Detail}");
        }

        if (status is null)
        {
            await output.WriteLineAsync(json
                ? new JsonObject { ["running"] = false, ["stateDirectory"] = stateDirectory, ["service"] = serviceJson }.ToJsonString()
                : $"Gateway: not running (no admin endpoint answers for {stateDirectory}). Start it with 'dinggate gateway'{(service is { State.Installed: true } ? " or 'dinggate gateway start'" : string.Empty)}.");
            return ExitCodes.NotRunning;
        }

        if (json)
        {
            var node = JsonNode.Parse(JsonSerializer.Serialize(status, AdminJson.Default.AdminStatus))!.AsObject();
            node["running"] = true;
            node["service"] = serviceJson;
            await output.WriteLineAsync(node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            await output.WriteLineAsync($"Gateway: running (pid {status.Pid}, up {Duration(TimeSpan.FromSeconds(status.UptimeSeconds))}), {(status.Ready ? "ready" : "NOT ready")}");
            await output.WriteLineAsync(StatusTable.Render(status.Accounts));
            if (status.Replicas is { Count: > 0 } replicas)
            {
                await output.WriteLineAsync(ReplicaTable.Render(replicas));
            }

            foreach (var quota in status.Quota ?? [])
            {
                await output.WriteLineAsync(StatusTable.Quota(quota));
            }

            foreach (var account in status.Accounts)
            {
                if (account.Outbox is not { } box)
                {
                    continue;
                }

                await output.WriteLineAsync(box.Undelivered == 0
                    ? $"Reply outbox ({account.Id}): all answers delivered"
                    : $"Reply outbox ({account.Id}): {box.Undelivered} undelivered ({box.Pending} pending retry, {box.Ambiguous} ambiguous, {box.Failed} failed); see 'dinggate outbox list'");
            }
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
