using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Gateway;

/// <summary>Where a gateway keeps its logs: <c>gateway.logDir</c>, else <c>&lt;stateDir&gt;/logs</c>.</summary>
internal static class GatewayPaths
{
    public const string LogsFolder = "logs";

    public static string LogDirectory(LoadedConfig loaded, ConfigSource source) =>
        loaded.Config.Gateway.LogDir is { Length: > 0 } configured
            ? ConfigSource.ExpandHome(configured, source.HomeDirectory)
            : Path.Combine(loaded.StateDirectory, LogsFolder);

    /// <summary>Without a loadable configuration: <c>$DINGGATE_STATE_DIR/logs</c>, else <c>~/.dinggate/logs</c>.</summary>
    public static string DefaultLogDirectory(ConfigSource source) =>
        Path.Combine(
            source.Environment(ConfigSource.StateDirVariable) is { Length: > 0 } state ? ConfigSource.ExpandHome(state, source.HomeDirectory) : source.DefaultDirectory,
            LogsFolder);
}
