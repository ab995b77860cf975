using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Api;

internal sealed partial class AccessTokenProvider
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Access token refreshed for client id {ClientId}: lifetime {Lifetime}, next refresh at {RefreshAt:O}")]
    private static partial void LogTokenRefreshed(ILogger logger, string clientId, TimeSpan lifetime, DateTimeOffset refreshAt);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Access token of client id {ClientId} was rejected by DingTalk; dropped from the cache")]
    private static partial void LogTokenInvalidated(ILogger logger, string clientId);
}
