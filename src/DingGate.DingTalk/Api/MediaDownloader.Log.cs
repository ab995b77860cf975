using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Api;

internal sealed partial class MediaDownloader
{
    [LoggerMessage(EventId = 3121, Level = LogLevel.Debug, Message = "Media downloaded for account {Account}: {FileName}, {Size} bytes, {ContentType}")]
    private static partial void LogDownloaded(ILogger logger, string account, string fileName, long size, string? contentType);
}
