using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Stream;

internal sealed partial class StreamFrameHandler
{
    [LoggerMessage(EventId = 1129, Level = LogLevel.Warning, Message = "Stream {AccountId}: {Type} frame on {Topic} ({MessageId}) of {Bytes} bytes is over the limit of {Limit} bytes: not processed; journaled as failed and ACKed with the reason when it has a messageId")]
    private static partial void LogOversized(ILogger logger, string accountId, string? type, string? topic, string? messageId, long bytes, int limit);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Warning, Message = "Stream {AccountId}: unparseable frame ignored ({Error})")]
    private static partial void LogInvalidFrame(ILogger logger, string accountId, string error);

    // Bodies only at Trace.
    [LoggerMessage(EventId = 1121, Level = LogLevel.Trace, Message = "Stream {AccountId}: {Type} {Topic} {MessageId} data {Data}")]
    private static partial void LogFrame(ILogger logger, string accountId, string type, string? topic, string? messageId, string? data);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Warning, Message = "Stream {AccountId}: {Type} frame on {Topic} without messageId ignored (nothing to answer it with or to deduplicate it by)")]
    private static partial void LogNoMessageId(ILogger logger, string accountId, string type, string? topic);

    [LoggerMessage(EventId = 1128, Level = LogLevel.Warning, Message = "Stream {AccountId}: {Type} {Topic} {MessageKey} came without messageId; handled, not ACKed (an ACK is matched by messageId)")]
    private static partial void LogUnackable(ILogger logger, string accountId, string type, string topic, string messageKey);

    [LoggerMessage(EventId = 1123, Level = LogLevel.Debug, Message = "Stream {AccountId}: unknown frame type {Type} ignored")]
    private static partial void LogUnknownType(ILogger logger, string accountId, string type);

    [LoggerMessage(EventId = 1124, Level = LogLevel.Debug, Message = "Stream {AccountId}: unknown SYSTEM topic {Topic} ignored")]
    private static partial void LogUnknownSystemTopic(ILogger logger, string accountId, string? topic);

    [LoggerMessage(EventId = 1125, Level = LogLevel.Information, Message = "Stream {AccountId}: server asked to disconnect ({Reason}); reconnecting now")]
    private static partial void LogDisconnect(ILogger logger, string accountId, string? reason);

    [LoggerMessage(EventId = 1126, Level = LogLevel.Error, Message = "Stream {AccountId}: journaling {Topic} {MessageKey} failed; not ACKed, the platform will redeliver it")]
    private static partial void LogJournalFailed(ILogger logger, Exception exception, string accountId, string topic, string messageKey);

    [LoggerMessage(EventId = 1127, Level = LogLevel.Debug, Message = "Stream {AccountId}: redelivery of {Topic} {MessageKey} ACKed and dropped (already journaled)")]
    private static partial void LogDuplicate(ILogger logger, string accountId, string topic, string messageKey);

    [LoggerMessage(EventId = 2179, Level = LogLevel.Error, Message = "Stream {AccountId}: the card callback responder failed; ACKed with no change")]
    private static partial void LogCardResponderFailed(ILogger logger, Exception exception, string accountId);
}
