using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Cards;

// The ending's own events (2122, 2123, 2128, 2130, 2131) are CardFinisher's, written with this sink's logger.
internal sealed partial class CardReplySink
{
    [LoggerMessage(EventId = 2120, Level = LogLevel.Warning, Message = "Account {AccountId}: could not create the card answering {MessageId} ({Error}); the answer will be sent as markdown")]
    private static partial void LogCreateFailed(ILogger logger, string accountId, string messageId, string error, Exception exception);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "Account {AccountId}: streaming to card {OutTrackId} failed ({Error}); the answer will be sent as markdown")]
    private static partial void LogStreamingFailed(ILogger logger, string accountId, string outTrackId, string error, Exception exception);

    [LoggerMessage(EventId = 2126, Level = LogLevel.Warning, Message = "Account {AccountId}: the open-card record of {OutTrackId} could not be written ({Error})")]
    private static partial void LogStoreFailed(ILogger logger, string accountId, string outTrackId, string error, Exception exception);

    [LoggerMessage(EventId = 2127, Level = LogLevel.Error, Message = "Account {AccountId}: the markdown fallback of the answer to {MessageId} failed too ({Error})")]
    private static partial void LogFallbackFailed(ILogger logger, string accountId, string messageId, string error, Exception exception);

    [LoggerMessage(EventId = 2129, Level = LogLevel.Information, Message = "Account {AccountId}: the answer to {MessageId} resumes in card {OutTrackId} of the crashed run")]
    private static partial void LogResumingCard(ILogger logger, string accountId, string outTrackId, string messageId);

    [LoggerMessage(EventId = 2150, Level = LogLevel.Warning,
        Message = "Account {AccountId}: the card of the message before {MessageId} in its conversation was not created within {Wait}; creating this one without waiting (the two may show out of order)")]
    private static partial void LogCardBeforeSlow(ILogger logger, string accountId, string messageId, TimeSpan wait);
}
