using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway.Permissions;

internal sealed partial class StatePermissionsReporter
{
    [LoggerMessage(EventId = 6301, Level = LogLevel.Warning, Message = "State directory: made {Path} owner-only (mode {Before} -> {After}); DingGate's state and logs are readable by their owner only")]
    private partial void LogTightened(string path, string before, string after);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Warning, Message = "State directory: made {Count} more files or directories owner-only")]
    private partial void LogMoreTightened(int count);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Warning, Message = "State directory: could not make {Path} owner-only ({Reason}); fix: chown it to this user and chmod go-rwx it")]
    private partial void LogNotTightened(string path, string reason);
}
