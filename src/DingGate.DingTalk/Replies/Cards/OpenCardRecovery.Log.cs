using DingGate.DingTalk.Api;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Cards;

internal sealed partial class OpenCardRecovery
{
    [LoggerMessage(EventId = 2170, Level = LogLevel.Information, Message = "Account {AccountId}: card {OutTrackId} left open by the last run finalized with the interrupted note (last update {Age} ago)")]
    private static partial void LogFinalized(ILogger logger, string accountId, string outTrackId, TimeSpan age);

    [LoggerMessage(EventId = 2171, Level = LogLevel.Information, Message = "Account {AccountId}: card {OutTrackId} left streaming by the last run is gone or finished at DingTalk (HTTP {Status} {Code}); forgotten")]
    private static partial void LogForgotten(ILogger logger, string accountId, string outTrackId, int status, string? code);

    [LoggerMessage(EventId = 2172, Level = LogLevel.Warning, Message = "Account {AccountId}: card {OutTrackId} left streaming by the last run could not be finalized ({Reason}); kept for the next start")]
    private static partial void LogKept(ILogger logger, Exception? exception, string accountId, string outTrackId, string reason);

    [LoggerMessage(EventId = 2173, Level = LogLevel.Information, Message = "Account {AccountId}: open cards of the last run: {Finalized} finalized, {Forgotten} forgotten, {Kept} kept ({Calls})")]
    private static partial void LogDone(ILogger logger, string accountId, int finalized, int forgotten, int kept, ApiCallMeter calls);

    [LoggerMessage(EventId = 2174, Level = LogLevel.Warning, Message = "Account {AccountId}: the open cards of the last run could not be listed; starting without finalizing them")]
    private static partial void LogListFailed(ILogger logger, Exception exception, string accountId);

    [LoggerMessage(EventId = 2175, Level = LogLevel.Warning, Message = "Account {AccountId}: finalizing the open cards of the last run took longer than {Budget}; the rest is left for the next start")]
    private static partial void LogBudgetExhausted(ILogger logger, string accountId, TimeSpan budget);

    [LoggerMessage(EventId = 2176, Level = LogLevel.Warning, Message = "Account {AccountId}: card {OutTrackId} could not be removed from the open-card store; it is retried next start")]
    private static partial void LogRemoveFailed(ILogger logger, Exception exception, string accountId, string outTrackId);

    [LoggerMessage(EventId = 2177, Level = LogLevel.Information, Message = "Account {AccountId}: card {OutTrackId} whose answer was delivered before the restart ended with its answer (last update {Age} ago)")]
    private static partial void LogEndedDelivered(ILogger logger, string accountId, string outTrackId, TimeSpan age);

    [LoggerMessage(EventId = 2178, Level = LogLevel.Information, Message = "Account {AccountId}: {Count} open cards of the last run are left for their resumed answers")]
    private static partial void LogLeftForResume(ILogger logger, string accountId, int count);

    [LoggerMessage(EventId = 2181, Level = LogLevel.Information, Message = "Account {AccountId}: the message of card {OutTrackId} was answered before the restart; its journal entry is closed")]
    private static partial void LogJournalClosed(ILogger logger, string accountId, string outTrackId);

    [LoggerMessage(EventId = 2180, Level = LogLevel.Warning, Message = "Account {AccountId}: the journal entry of card {OutTrackId} could not be read or closed")]
    private static partial void LogJournalFailed(ILogger logger, Exception exception, string accountId, string outTrackId);
}
