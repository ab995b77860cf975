using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway.Retention;

internal sealed partial class RetentionPass
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Retention pass purged {Total} items ({Counts})")]
    private static partial void LogPass(ILogger logger, int total, string counts);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Retention: purging {Target} failed; the next pass tries again")]
    private static partial void LogTargetFailed(ILogger logger, Exception exception, string target);
}
