using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Retention;

internal sealed partial class MediaRetentionTarget
{
    [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "Account {AccountId}: could not delete the media folder {Folder}: {Reason}")]
    private partial void LogDeleteFailed(string accountId, string folder, string reason);
}
