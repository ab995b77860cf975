using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Quota;

public sealed partial class QuotaGovernor
{
    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning,
        Message = "DingTalk quota group {Group}: step {Step} reached: {Used} of {Budget} OpenAPI calls used in {Month} ({Percent}%), forecast {Forecast} by the end of the month")]
    private static partial void LogStepReached(ILogger logger, string group, string step, long used, long budget, double percent, long forecast, string month);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Information, Message = "DingTalk quota group {Group}: owner {Owner} told of step {Step}")]
    private static partial void LogOwnerTold(ILogger logger, string group, string owner, string step);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Warning, Message = "DingTalk quota group {Group}: owner {Owner} could not be told of the quota step")]
    private static partial void LogOwnerNotTold(ILogger logger, Exception exception, string group, string owner);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Warning,
        Message = "DingTalk quota group {Group}: webhook only, so its {Owners} owner(s) cannot be sent a message (that is an OpenAPI call); this log line is the warning")]
    private static partial void LogOwnersNotTold(ILogger logger, string group, int owners);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Debug, Message = "Account {AccountId}: DingTalk call {Endpoint} not sent: quota group {Group} is webhook only")]
    private static partial void LogRefused(ILogger logger, string accountId, string endpoint, string group);

    [LoggerMessage(EventId = 2406, Level = LogLevel.Warning,
        Message = "Account {AccountId}: DingTalk refused a call for the organisation's monthly quota ({Code}) with {Used} calls counted here; quota group {Group} is webhook only for the rest of the month")]
    private static partial void LogDingTalkRefused(ILogger logger, string accountId, string group, string code, long used);

    [LoggerMessage(EventId = 2407, Level = LogLevel.Warning, Message = "Account {AccountId}: billed DingTalk call counts could not be stored; kept for the next try")]
    private static partial void LogFlushFailed(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(EventId = 2408, Level = LogLevel.Warning, Message = "Account {AccountId}: this month's billed DingTalk call count could not be read; counting from 0")]
    private static partial void LogLoadFailed(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(EventId = 2409, Level = LogLevel.Warning, Message = "DingTalk quota group {Group}: whether a quota warning was already sent could not be recorded; deciding in memory")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, string group);

    [LoggerMessage(EventId = 2410, Level = LogLevel.Warning, Message = "DingTalk quota group {Group}: the cluster's shared count could not be updated; this replica's calls are kept for the next try")]
    private static partial void LogSyncFailed(ILogger logger, string group, Exception exception);
}
