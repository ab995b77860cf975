using DingGate.Cli.Config;
using DingGate.Cli.Gateway;
using DingGate.Core.Configuration.Loading;
using DingGate.Core.Scheduling;
using DingGate.Core.Secrets;
using DingGate.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.State;

/// <summary>
/// What the offline verbs (<c>pairing</c>, <c>allow</c>, <c>outbox</c>, <c>jobs</c>, <c>message send</c>) work on: the
/// loaded configuration, the chosen account and the stores of <c>storage.provider</c>, the same the gateway uses (the
/// SQLite file of the state directory, safe while it runs: WAL; or the shared PostgreSQL database).
/// </summary>
internal sealed class StateContext : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StateContext(LoadedConfig loaded, string accountId)
    {
        Loaded = loaded;
        AccountId = accountId;
        Redactor = ConfigSecrets.Redactor(loaded.Config);
        _services = new ServiceCollection().AddStateStorage(loaded.Config.Storage, loaded.StateDirectory).BuildServiceProvider();
    }

    public LoadedConfig Loaded { get; }

    public string AccountId { get; }

    /// <summary>The configuration's secrets masked, for whatever the verb prints (the same redaction as the gateway's sinks).</summary>
    public SecretRedactor Redactor { get; }

    public TimeProvider Time => _services.GetRequiredService<TimeProvider>();

    public IPairingStore Pairing => _services.GetRequiredService<IPairingStore>();

    public IReplyOutbox Outbox => _services.GetRequiredService<IReplyOutbox>();

    public IScheduledJobStore Jobs => _services.GetRequiredService<IScheduledJobStore>();

    /// <summary>
    /// Loads the configuration and picks the account (<paramref name="account"/>, else the only enabled one). Problems
    /// are written to <paramref name="error"/> and returned as an exit code instead.
    /// </summary>
    public static async Task<(StateContext? Context, int ExitCode)> OpenAsync(string? configPath, string? account, TextWriter error, CancellationToken cancellationToken)
    {
        var source = ConfigSource.FromProcess(configPath);
        if (await ConfigReport.LoadOrReportAsync(source, error, cancellationToken) is not { } loaded)
        {
            await error.WriteLineAsync($"configuration invalid: {source.Path}");
            return (null, ExitCodes.Config);
        }

        var accounts = loaded.Config.Channels.Dingtalk?.Resolve().Where(a => a.Enabled).Select(a => a.Id).ToList() ?? [];
        var chosen = account ?? (accounts.Count == 1 ? accounts[0] : null);
        if (chosen is null || !accounts.Contains(chosen))
        {
            var known = accounts.Count == 0 ? "none is configured" : "enabled: " + string.Join(", ", accounts);
            await error.WriteLineAsync(chosen is null
                ? $"error: --account is needed ({known})"
                : $"error: --account: no enabled DingTalk account '{chosen}' ({known})");
            return (null, accounts.Count == 0 ? ExitCodes.Config : ExitCodes.Usage);
        }

        return (new StateContext(loaded, chosen), ExitCodes.Ok);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
