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

    // The alert of the slow retry phase: raised when it starts, then at most once per OfflineAlertInterval until connected.
    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Stream {AccountId}: offline after {Failures} failed connection attempts; retrying every {Delay} until it connects. Last error: {Error}")]
    private static partial void LogOffline(ILogger logger, string accountId, int failures, TimeSpan delay, string? error);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Debug, Message = "Stream {AccountId}: still offline, retrying in {Delay} ({Failures} failed attempts)")]
    private static partial void LogStillRetrying(ILogger logger, string accountId, TimeSpan delay, int failures);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Debug, Message = "Stream {AccountId}: retry failed ({Kind}): {Error}")]
    private static partial void LogRetryFailed(ILogger logger, string accountId, StreamFailureKind kind, string error);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning, Message = "Stream {AccountId}: back online after {Failures} failed connection attempts")]
    private static partial void LogBackOnline(ILogger logger, string accountId, int failures);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Stream {AccountId}: connection ended ({End})")]
    private static partial void LogSessionEnded(ILogger logger, string accountId, SessionEnd end);
}
