using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Cards;

// Event ids of the card reply (21xx), written with the sink's logger: the category stays CardReplySink.
internal sealed partial class CardFinisher
{
    [LoggerMessage(EventId = 2122, Level = LogLevel.Warning, Message = "Account {AccountId}: finalizing card {OutTrackId} failed ({Error}); the answer will be sent as markdown")]
    private static partial void LogFinalizeFailed(ILogger logger, string accountId, string outTrackId, string error, Exception exception);

    [LoggerMessage(EventId = 2123, Level = LogLevel.Debug, Message = "Account {AccountId}: the error update of card {OutTrackId} failed too ({Error}); ignored")]
    private static partial void LogGiveUpFailed(ILogger logger, string accountId, string outTrackId, string error);

    [LoggerMessage(EventId = 2128, Level = LogLevel.Warning,
        Message = "Account {AccountId}: card {OutTrackId} shows the whole answer but could not be set to its final state ({Attempts} attempts, last: {Error}); when DingTalk was throttling or unreachable the next start ends it")]
    private static partial void LogEndFailed(ILogger logger, string accountId, string outTrackId, int attempts, string error, Exception exception);

    [LoggerMessage(EventId = 2130, Level = LogLevel.Information,
        Message = "Account {AccountId}: DingTalk holds the card streaming API shut until {Until}; card {OutTrackId} ends with its whole answer through PUT /v1.0/card/instances instead of waiting")]
    private static partial void LogEndingWithoutStreaming(ILogger logger, string accountId, string outTrackId, DateTimeOffset until);

    [LoggerMessage(EventId = 2131, Level = LogLevel.Warning,
        Message = "Account {AccountId}: card {OutTrackId} could not be ended through PUT /v1.0/card/instances ({Error}); its answer goes with the final streaming update instead, once DingTalk takes it")]
    private static partial void LogEndWithoutStreamingFailed(ILogger logger, string accountId, string outTrackId, string error);
}
