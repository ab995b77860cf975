using System.CommandLine;
using DingGate.Cli.Admin;
using DingGate.Cli.Config;
using DingGate.Core.Configuration.Loading;
using DingGate.Core.Secrets;
using DingGate.DingTalk.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Channels;

/// <summary>
/// <c>dinggate channels status [--probe]</c>: each configured account, its connection in the running gateway (if one
/// runs) and, with <c>--probe</c>, a live check of its credentials and Stream permission against DingTalk.
/// </summary>
internal static class ChannelsStatusCommand
{
    private const string Description = """
        Show each DingTalk account: enabled, whether the running gateway (if any) has it connected, and with --probe a
        live check against DingTalk: an access token (credentials right) and a Stream registration (Stream mode allowed).
        Exit codes: 0 all enabled accounts fine; 1 a probe failed or an account is not connected; 2 bad command line;
        78 invalid configuration or untrusted admin files (see 'dinggate gateway status').
        """;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var probe = new Option<bool>("--probe") { Description = "Check each enabled account live against DingTalk (token + Stream registration)." };
        var command = new Command("status", Description) { config, probe };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (await ConfigReport.LoadOrReportAsync(ConfigSource.FromProcess(parse.GetValue(config)), error, cancellationToken) is not { } loaded)
            {
                return ExitCodes.Config;
            }

            var channel = loaded.Config.Channels.Dingtalk;
            var accounts = channel?.Resolve() ?? [];
            if (channel is null || accounts.Count == 0)
            {
                await output.WriteLineAsync("No DingTalk account configured. Add one with 'dinggate channels add'.");
                return ExitCodes.Ok;
            }

            using var http = AdminHttp.Create(TimeSpan.FromSeconds(5));
            AdminStatus? live;
            try
            {
                live = await new AdminClient(loaded.StateDirectory, http).StatusAsync(cancellationToken);
            }
            catch (AdminTrustException ex)
            {
                await ex.WriteToAsync(error, "channels status");
                return ExitCodes.Config;
            }

            var probes = new Dictionary<string, DingTalkProbeResult>(StringComparer.Ordinal);
            if (parse.GetValue(probe))
            {
                await using var services = State.OfflineChannel.Services(loaded);
                var prober = services.GetRequiredService<DingTalkProbe>();
                foreach (var account in accounts.Where(a => a.Enabled))
                {
                    probes[account.Id] = await prober.ProbeAsync(account, cancellationToken);
                }
            }

            var healthy = true;
            var redactor = ConfigSecrets.Redactor(loaded.Config);
            foreach (var account in accounts)
            {
                var connection = live?.Accounts.FirstOrDefault(a => a.Id == account.Id);
                var running = live is null ? "gateway not running" : connection is null ? "not running in the gateway" : connection.Connected ? "connected" : connection.State.ToLowerInvariant();
                await output.WriteLineAsync($"{account.Id} ({account.ClientId}): {(account.Enabled ? "enabled" : "disabled")}, {running}");
                healthy &= !account.Enabled || live is null || connection?.Connected == true;
                if (probes.TryGetValue(account.Id, out var result))
                {
                    await output.WriteLineAsync(result.TokenOk ? "  ✓ credentials: access token issued" : $"  ✗ credentials: {redactor.Redact(result.TokenError)}");
                    await output.WriteLineAsync(result.StreamOk ? "  ✓ stream: registration accepted" : $"  ✗ stream: {redactor.Redact(result.StreamError)}");
                    healthy &= result.Ok;
                }
            }

            return healthy ? ExitCodes.Ok : ExitCodes.Runtime;
        });
        return command;
    }
}
