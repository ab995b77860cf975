using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Cards;

internal sealed partial class CardStopCallbackResponder
{
    [LoggerMessage(EventId = 2160, Level = LogLevel.Information, Message = "Account {AccountId}: stop clicked on card {OutTrackId} by {UserId}; stopping the reply")]
    private static partial void LogStopped(ILogger logger, string accountId, string outTrackId, string? userId);

    [LoggerMessage(EventId = 2161, Level = LogLevel.Information, Message = "Account {AccountId}: stop clicked on card {OutTrackId} by {UserId}, who did not ask; ignored")]
    private static partial void LogNotOwner(ILogger logger, string accountId, string outTrackId, string? userId);

    [LoggerMessage(EventId = 2162, Level = LogLevel.Information, Message = "Account {AccountId}: stop clicked on card {OutTrackId} by {UserId}, which is not streaming here (asked of the other replicas when clustered)")]
    private static partial void LogUnknownCard(ILogger logger, string accountId, string outTrackId, string? userId);

    [LoggerMessage(EventId = 2163, Level = LogLevel.Debug, Message = "Account {AccountId}: card callback {Type} on {OutTrackId} (actions {ActionIds}) is not a stop click; no change")]
    private static partial void LogNotStop(ILogger logger, string accountId, string? type, string? outTrackId, IReadOnlyList<string> actionIds);

    [LoggerMessage(EventId = 2164, Level = LogLevel.Information, Message = "Account {AccountId}: card callback data is not a JSON object; answered with no change")]
    private static partial void LogUnreadable(ILogger logger, string accountId);

    [LoggerMessage(EventId = 2165, Level = LogLevel.Information, Message = "Account {AccountId}: stop clicked by {UserId} without an outTrackId; ignored")]
    private static partial void LogNoCard(ILogger logger, string accountId, string? userId);
}
