using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway.Reload;

internal sealed partial class ConfigReloader
{
    [LoggerMessage(EventId = 6401, Level = LogLevel.Information,
        Message = "Config reloaded from {Path} (version {Version}): changed {Changed}; DingTalk accounts: {Accounts}")]
    private static partial void LogReloaded(ILogger logger, string path, long version, string changed, string accounts);

    [LoggerMessage(EventId = 6402, Level = LogLevel.Warning,
        Message = "Config reload: these changes need a restart of the gateway to take effect (the running values stay until then): {Paths}")]
    private static partial void LogNeedsRestart(ILogger logger, string paths);

    [LoggerMessage(EventId = 6403, Level = LogLevel.Error,
        Message = "Config reload refused, the running configuration is kept: {Path} has {Count} error(s): {Errors}")]
    private static partial void LogInvalid(ILogger logger, string path, int count, string errors);

    [LoggerMessage(EventId = 6404, Level = LogLevel.Warning, Message = "Config reload: {Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 6405, Level = LogLevel.Warning, Message = "Config reload: cannot read {Path} ({Reason}); the running configuration is kept")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 6406, Level = LogLevel.Information, Message = "Config reload: {Path} is back to the configuration in force; nothing to do")]
    private static partial void LogBackToRunning(ILogger logger, string path);

    [LoggerMessage(EventId = 6407, Level = LogLevel.Warning,
        Message = "Config reload: {Path} changed, but gateway.reload is false in the running configuration; restart the gateway to apply it")]
    private static partial void LogReloadOff(ILogger logger, string path);
}
