using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.DingTalk.Api;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Turns a journaled payload into an <see cref="InboundMessage"/> in two steps, so the access policy decides between
/// them: <see cref="Parse"/> reads the payload and fetches nothing; <see cref="DownloadAsync"/>, for a message the policy
/// let through, downloads its attachments (and a quote's) into <c>&lt;mediaRoot&gt;/&lt;account&gt;/&lt;message&gt;/</c>.
/// A failed download keeps the message (the attachment stays without a local path and the text says so): nothing is
/// dropped.
/// </summary>
internal sealed partial class InboundPreparer(
    DingTalkAccount account, InboundMessageParser parser, MediaDownloader media, string mediaRoot, ILogger<InboundPreparer> logger)
{
    /// <summary>Parses without downloading anything.</summary>
    public ParseResult Parse(string payload, string fallbackMessageId) => parser.Parse(account.Id, account.Name, payload, fallbackMessageId);

    /// <summary>The number of files a message carries (its own and its quote's): what <see cref="DownloadAsync"/> would fetch.</summary>
    public static int AttachmentCount(InboundMessage message) => message.Attachments.Count + (message.Quote?.Attachments.Count ?? 0);

    /// <summary>Downloads the attachments of a message the access policy allowed; a message without any is returned as is.</summary>
    public async Task<InboundMessage> DownloadAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (AttachmentCount(message) == 0)
        {
            return message;
        }

        var directory = MediaFolders.Message(mediaRoot, account.Id, message.MessageId);
        var attachments = await DownloadAllAsync(message.Attachments, directory, cancellationToken);
        var quote = message.Quote is { Attachments.Count: > 0 } q
            ? q with { Attachments = await DownloadAllAsync(q.Attachments, Path.Combine(directory, "quote"), cancellationToken) }
            : message.Quote;
        var failed = attachments.Count(a => a.LocalPath is null);
        var text = failed == 0 ? message.Text : $"{message.Text}\n[{failed} attachment(s) could not be downloaded]";
        return message with { Attachments = attachments, Quote = quote, Text = text };
    }

    private async Task<IReadOnlyList<InboundAttachment>> DownloadAllAsync(
        IReadOnlyList<InboundAttachment> attachments, string directory, CancellationToken cancellationToken)
    {
        var result = new List<InboundAttachment>(attachments.Count);
        foreach (var attachment in attachments)
        {
            try
            {
                var file = await media.DownloadAsync(attachment.DownloadCode, directory, attachment.FileName, cancellationToken);
                result.Add(attachment with { LocalPath = file.Path, Size = file.Size, ContentType = file.ContentType, FileName = file.FileName });
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogDownloadFailed(account.Id, attachment.Kind, ex.Message);
                result.Add(attachment);
            }
        }

        return result;
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Account {AccountId}: could not download a {Kind} attachment: {Reason}")]
    private partial void LogDownloadFailed(string accountId, InboundContentKind kind, string reason);
}
