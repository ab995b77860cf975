using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Stream;

internal sealed partial class StreamSession
{
    [LoggerMessage(EventId = 1141, Level = LogLevel.Warning, Message = "Stream {AccountId}: link dropped ({Reason})")]
    private static partial void LogDropped(ILogger logger, string accountId, string reason);

    [LoggerMessage(EventId = 1142, Level = LogLevel.Information, Message = "Stream {AccountId}: server closed the socket ({Status} {Description})")]
    private static partial void LogServerClosed(ILogger logger, string accountId, System.Net.WebSockets.WebSocketCloseStatus? status, string? description);

    [LoggerMessage(EventId = 1143, Level = LogLevel.Warning, Message = "Stream {AccountId}: skipped a {Kind} frame of {Bytes} bytes (not text)")]
    private static partial void LogSkippedFrame(ILogger logger, string accountId, string kind, long bytes);

    [LoggerMessage(EventId = 1144, Level = LogLevel.Error, Message = "Stream {AccountId}: reader failed unexpectedly; reconnecting")]
    private static partial void LogReaderFailed(ILogger logger, Exception exception, string accountId);
}
