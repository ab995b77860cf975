using DingGate.Cli.Admin;
using DingGate.Core.Configuration;
using DingGate.Core.Configuration.Loading;
using DingGate.Core.Secrets;
using DingGate.DingTalk.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Doctor;

/// <summary>
/// Runs every check of <c>dinggate doctor</c> in order: configuration, state directory, the state database (SQLite
/// or PostgreSQL), Redis when <c>coordination.redis</c> is set, each MCP server (started and
/// asked for its tools), then per enabled account the
/// reach of its DingTalk hosts, clock skew, credentials (token), Stream registration and — when asked — card
/// permission. A failing step makes the steps that need it skipped, not failed again.
/// </summary>
internal sealed class DoctorRunner(HttpClient http, TimeProvider time)
{
    public static readonly TimeSpan SkewWarning = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan SkewFailure = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(ConfigSource source, string? cardTo, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        LoadedConfig loaded;
        try
        {
            loaded = new ConfigLoader().Load(source);
            checks.Add(loaded.Warnings.Count == 0
                ? DoctorCheck.Pass("configuration", $"{loaded.Path} is valid")
                : DoctorCheck.Warn("configuration", $"{loaded.Path} is valid with {loaded.Warnings.Count} warning(s): " + string.Join("; ", loaded.Warnings.Select(w => $"{w.Path}: {w.Message}")),
                    "remove or rename the keys named (see 'dinggate config validate')"));
        }
        catch (ConfigException ex)
        {
            checks.Add(DoctorCheck.Fail("configuration", string.Join("; ", ex.Errors.Select(e => $"{e.Path}: {e.Reason}")),
                File.Exists(source.Path) ? $"fix the keys named in {source.Path} ('dinggate config validate' lists them)" : "create one with 'dinggate channels add' or 'dinggate onboard'"));
            return checks;
        }

        // DingTalk's, the network's and the database's error texts are shown as they came: masked like every other output.
        var redactor = ConfigSecrets.Redactor(loaded.Config);
        checks.Add(StateDirectoryCheck.Run(loaded.StateDirectory));
        checks.Add(await DatabaseCheck.RunAsync(loaded.Config.Storage, loaded.StateDirectory, time, cancellationToken));
        if (loaded.Config.Coordination.Redis is { } redis)
        {
            checks.Add(await RedisCheck.RunAsync(redis, http.Timeout < TimeSpan.FromSeconds(10) ? http.Timeout : TimeSpan.FromSeconds(10), cancellationToken));
        }

        checks.AddRange(await McpServerCheck.RunAsync(loaded.Config, time, cancellationToken));
        var channel = loaded.Config.Channels.Dingtalk;
        var accounts = channel?.Resolve().Where(a => a.Enabled).ToList() ?? [];
        if (channel is null || accounts.Count == 0)
        {
            checks.Add(DoctorCheck.Fail("accounts", "no enabled DingTalk account", "add one with 'dinggate channels add'"));
            return [.. checks.Select(c => c with { Detail = redactor.Redact(c.Detail) })];
        }

        await using var services = State.OfflineChannel.Services(loaded);
        var probe = services.GetRequiredService<DingTalkProbe>();
        foreach (var account in accounts)
        {
            checks.AddRange(await AccountAsync(account, probe, cardTo, cancellationToken));
        }

        checks.AddRange(await QuotaCheck.RunAsync(services.GetRequiredService<DingTalk.Quota.QuotaGovernor>(), cancellationToken));
        checks.Add(await GatewayAsync(loaded.StateDirectory, cancellationToken));

        return [.. checks.Select(c => c with { Detail = redactor.Redact(c.Detail) })];
    }

    private async Task<List<DoctorCheck>> AccountAsync(DingTalkAccount account, DingTalkProbe probe, string? cardTo, CancellationToken cancellationToken)
    {
        var prefix = $"[{account.Id}] ";
        var reach = new EndpointReachCheck(http, time);
        var (api, skew) = await reach.RunAsync("api", account.ApiBaseUrl, cancellationToken);
        var (oapi, _) = await reach.RunAsync("oapi", account.OapiBaseUrl, cancellationToken);
        var checks = new List<DoctorCheck> { Named(prefix, api), Named(prefix, oapi), Named(prefix, Clock(skew)) };
        if (api.Status == DoctorStatus.Fail)
        {
            checks.Add(DoctorCheck.Skip(prefix + "credentials", "skipped: the api host is not reachable"));
            return checks;
        }

        var result = await probe.ProbeAsync(account, cancellationToken);
        checks.Add(result.TokenOk
            ? DoctorCheck.Pass(prefix + "credentials", $"access token issued for {account.ClientId}")
            : DoctorCheck.Fail(prefix + "credentials", result.TokenError ?? "no token",
                "copy Client ID and Client Secret again from the app's Credentials page (open-dev.dingtalk.com), then 'dinggate config set' them"));
        if (!result.TokenOk)
        {
            return checks;
        }

        checks.Add(result.StreamOk
            ? DoctorCheck.Pass(prefix + "stream", "Stream registration accepted")
            : DoctorCheck.Fail(prefix + "stream", result.StreamError ?? "refused",
                "in the app's Event Subscription page choose Stream mode, and publish a version of the app"));
        checks.Add(await CardAsync(prefix, account, probe, cardTo, cancellationToken));
        return checks;
    }

    private static async Task<DoctorCheck> CardAsync(string prefix, DingTalkAccount account, DingTalkProbe probe, string? cardTo, CancellationToken cancellationToken)
    {
        if (cardTo is null)
        {
            return DoctorCheck.Skip(prefix + "cards", account.UsesCards
                ? "not checked: run 'dinggate doctor --card-to <your staffId>' to send a test card"
                : "not used (messageType markdown)");
        }

        return await probe.ProbeCardAsync(account, cardTo, cancellationToken) is { } problem
            ? DoctorCheck.Fail(prefix + "cards", problem,
                "grant the app the AI card permissions (Card.Streaming.Write, Card.Instance.Write) in Permission Management, and check cardTemplateId")
            : DoctorCheck.Pass(prefix + "cards", $"a test card was sent to {cardTo} and finalized");
    }

    private static DoctorCheck Clock(TimeSpan? skew)
    {
        const string Name = "clock";
        if (skew is not { } value)
        {
            return DoctorCheck.Skip(Name, "no server time to compare with");
        }

        var text = value.Duration() < TimeSpan.FromSeconds(2)
            ? "in step with DingTalk (within the 1 s of its Date header)"
            : $"this machine is {Math.Abs(value.TotalSeconds):0} s {(value > TimeSpan.Zero ? "ahead of" : "behind")} DingTalk";
        const string Fix = "synchronise the clock (timedatectl set-ntp true, or the OS time settings)";
        return value.Duration() >= SkewFailure ? DoctorCheck.Fail(Name, text, Fix)
            : value.Duration() >= SkewWarning ? DoctorCheck.Warn(Name, text, Fix)
            : DoctorCheck.Pass(Name, text);
    }

    private async Task<DoctorCheck> GatewayAsync(string stateDirectory, CancellationToken cancellationToken)
    {
        AdminStatus? status;
        try
        {
            using var admin = AdminHttp.Create(http.Timeout);
            status = await new AdminClient(stateDirectory, admin).StatusAsync(cancellationToken);
        }
        catch (AdminTrustException ex)
        {
            return DoctorCheck.Fail("gateway", "refused to send the admin token: " + ex.Message, ex.Fix);
        }

        return status is null ? DoctorCheck.Skip("gateway", "not running ('dinggate gateway' starts it)")
            : status.Ready ? DoctorCheck.Pass("gateway", $"running (pid {status.Pid}), every account connected")
            : DoctorCheck.Warn("gateway", "running, but not connected: " + string.Join(", ", status.Accounts.Where(a => !a.Connected).Select(a => $"{a.Id} ({a.LastError ?? a.State})")),
                "see 'dinggate gateway status' and 'dinggate logs --level warn'");
    }

    private static DoctorCheck Named(string prefix, DoctorCheck check) => check with { Name = prefix + check.Name };
}
