using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Config;

/// <summary>
/// The one check <c>dinggate config validate</c> and <c>dinggate gateway</c> both run before anything starts, so that
/// a configuration validate accepts is one the gateway runs, and one it refuses the gateway refuses with the same
/// lines: load (JSON5, duplicate keys, references, binding, validation), each stdio MCP server's command present
/// (<see cref="McpCommandCheck"/>), at least one enabled account, and the allowlist policies that let nobody in
/// (<see cref="AllowlistCheck"/>). Nothing connects anywhere, except that the allowlist check reads the approved
/// senders from the PostgreSQL state database (<c>storage.provider: "postgres"</c>) when a <c>dmPolicy: "allowlist"</c>
/// account has no <c>allowFrom</c> entry.
/// </summary>
internal static class ConfigCheck
{
    public const string NoEnabledAccount = "no enabled account (set clientId and clientSecret, or add channels.dingtalk.accounts.<id>)";

    public static Task<ConfigCheckResult> RunAsync(ConfigSource source, bool allowDuplicateKeys, CancellationToken cancellationToken) =>
        CheckAsync(loader => loader.Load(source), allowDuplicateKeys, cancellationToken);

    /// <summary>The same check on <paramref name="text"/> as read from <see cref="ConfigSource.Path"/> (a config reload).</summary>
    public static Task<ConfigCheckResult> RunTextAsync(string text, ConfigSource source, bool allowDuplicateKeys, CancellationToken cancellationToken) =>
        CheckAsync(loader => loader.LoadText(text, source), allowDuplicateKeys, cancellationToken);

    private static async Task<ConfigCheckResult> CheckAsync(Func<ConfigLoader, LoadedConfig> load, bool allowDuplicateKeys, CancellationToken cancellationToken)
    {
        LoadedConfig loaded;
        try
        {
            loaded = load(new ConfigLoader { AllowDuplicateKeys = allowDuplicateKeys });
        }
        catch (ConfigException ex)
        {
            return new ConfigCheckResult(null, ex.Errors, ex.Warnings);
        }

        if (McpCommandCheck.Run(loaded.Config) is { Count: > 0 } missing)
        {
            return new ConfigCheckResult(null, missing, loaded.Warnings);
        }

        var channel = loaded.Config.Channels.Dingtalk;
        var accounts = channel?.Resolve().Where(a => a.Enabled).ToList() ?? [];
        if (channel is null || accounts.Count == 0)
        {
            return new ConfigCheckResult(null, [new ConfigError("channels.dingtalk", null, NoEnabledAccount)], loaded.Warnings);
        }

        var warnings = loaded.Warnings.ToList();
        warnings.AddRange(await AllowlistCheck.RunAsync(channel, accounts, loaded.Config.Storage, loaded.StateDirectory, cancellationToken));
        return new ConfigCheckResult(loaded, [], warnings);
    }
}
