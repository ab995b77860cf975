using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk;

public sealed partial class DingTalkChannel
{
    [LoggerMessage(EventId = 1021, Level = LogLevel.Information,
        Message = "Account {AccountId}: reconnecting for the reloaded config ({Changed} changed); {Running} running answer(s) finish first")]
    private static partial void LogAccountReconnecting(ILogger logger, string accountId, string changed, int running);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Information, Message = "Account {AccountId}: restarted with the reloaded settings")]
    private static partial void LogAccountReconnected(ILogger logger, string accountId);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Information, Message = "Account {AccountId}: started (added or enabled in the reloaded config)")]
    private static partial void LogAccountStarted(ILogger logger, string accountId);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Information,
        Message = "Account {AccountId}: stopping (removed or disabled in the reloaded config); {Running} running answer(s) finish first")]
    private static partial void LogAccountStopping(ILogger logger, string accountId, int running);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Information, Message = "Account {AccountId}: stopped")]
    private static partial void LogAccountStopped(ILogger logger, string accountId);

    [LoggerMessage(EventId = 1026, Level = LogLevel.Error, Message = "Account {AccountId}: could not be started with the reloaded settings")]
    private static partial void LogAccountNotStarted(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(EventId = 1027, Level = LogLevel.Error, Message = "Account {AccountId}: its run failed while stopping for a reload")]
    private static partial void LogAccountRunFailed(ILogger logger, string accountId, Exception exception);
}
