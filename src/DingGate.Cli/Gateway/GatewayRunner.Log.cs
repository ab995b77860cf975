using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway;

internal static partial class GatewayRunner
{
    [LoggerMessage(EventId = 6201, Level = LogLevel.Critical,
        Message = "DingTalk rejected the credentials of every account ({Count}); none can connect, the gateway stops with exit code 78: {Reasons}")]
    private static partial void LogAllCredentialsRejected(ILogger logger, int count, string reasons);
}
