using DingGate.DingTalk.Stream.Registration;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Stream;

internal sealed partial class StreamClient
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Stream {AccountId}: connected (reconnect: {Reconnect})")]
    private static partial void LogConnected(ILogger logger, string accountId, bool reconnect);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Stream {AccountId}: connection attempt failed ({Kind}): {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string accountId, StreamFailureKind kind, string error);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Stream {AccountId}: reconnecting in {Delay} ({Failures} failed attempts)")]
    private static partial void LogBackingOff(ILogger logger, string accountId, TimeSpan delay, int failures);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Stream {AccountId}: bad credentials for client id {ClientId}; not retrying. {Error}")]
    private static partial void LogBadCredentials(ILogger logger, string accountId, string clientId, string error);

    // The alert: the account stays offline until restarted.
    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Stream {AccountId}: gave up after {Failures} failed connection attempts; the account is offline. Last error: {Error}")]
    private static partial void LogGaveUp(ILogger logger, string accountId, int failures, string? error);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Stream {AccountId}: connection ended ({End})")]
    private static partial void LogSessionEnded(ILogger logger, string accountId, SessionEnd end);
}
