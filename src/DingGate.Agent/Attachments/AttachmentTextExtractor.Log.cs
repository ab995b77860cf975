using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Attachments;

internal sealed partial class AttachmentTextExtractor
{
    [LoggerMessage(EventId = 5021, Level = LogLevel.Debug, Message = "Attachment {FileName} ({FileType}): {Chars} characters extracted, truncated {Truncated}")]
    private static partial void LogExtracted(ILogger logger, string fileName, string fileType, int chars, bool truncated);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning, Message = "Attachment {FileName} ({FileType}) could not be read")]
    private static partial void LogUnreadable(ILogger logger, string fileName, string fileType, Exception exception);

    [LoggerMessage(EventId = 5023, Level = LogLevel.Warning, Message = "Attachment {FileName} ({FileType}) not read: {Limit} limit reached ({Detail})")]
    private static partial void LogOverLimit(ILogger logger, string fileName, string fileType, ExtractionLimit limit, string detail);
}
