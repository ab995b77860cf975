using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Api;

internal sealed partial class DingTalkApiClient
{
    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "DingTalk call {Endpoint} of account {Account} failed: HTTP {Status}, code {Code}, requestid {RequestId}")]
    private static partial void LogCallFailed(ILogger logger, string account, string endpoint, int status, string? code, string? requestId, Exception? exception);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information, Message = "DingTalk call {Endpoint} of account {Account} answered HTTP {Status}, code {Code}: retry {Attempt} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string account, string endpoint, int status, string? code, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Information, Message = "DingTalk call {Endpoint} of account {Account} was throttled (HTTP {Status}, code {Code}, {Throttle} limit): retry {Attempt} at {Until}")]
    private static partial void LogThrottled(ILogger logger, string account, string endpoint, int status, string? code, ApiThrottle throttle, int attempt, DateTimeOffset until);
}
