using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.DingTalk.Api;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Turns a journaled payload into an <see cref="InboundMessage"/>: parses it, then downloads its attachments (and a
/// quote's) into <c>&lt;mediaRoot&gt;/&lt;account&gt;/&lt;message&gt;/</c>. A failed download keeps the message (the
/// attachment stays without a local path and the text says so): nothing is dropped.
/// </summary>
internal sealed partial class InboundPreparer(
    DingTalkAccount account, InboundMessageParser parser, MediaDownloader media, string mediaRoot, ILogger<InboundPreparer> logger)
{
    /// <summary>Parses without downloading anything (to answer a message that cannot be handled).</summary>
    public ParseResult Parse(string payload, string fallbackMessageId) => parser.Parse(account.Id, account.Name, payload, fallbackMessageId);

    public async Task<ParseResult> PrepareAsync(string payload, string fallbackMessageId, CancellationToken cancellationToken)
    {
        var parsed = parser.Parse(account.Id, account.Name, payload, fallbackMessageId);
        if (parsed is not ParseResult.Ok { Message: var message })
        {
            return parsed;
        }

        if (message.Attachments.Count == 0 && (message.Quote?.Attachments.Count ?? 0) == 0)
        {
            return parsed;
        }

        var directory = MediaFolders.Message(mediaRoot, account.Id, message.MessageId);
        var attachments = await DownloadAllAsync(message.Attachments, directory, cancellationToken);
        var quote = message.Quote is { Attachments.Count: > 0 } q
            ? q with { Attachments = await DownloadAllAsync(q.Attachments, Path.Combine(directory, "quote"), cancellationToken) }
            : message.Quote;
        var failed = attachments.Count(a => a.LocalPath is null);
        var text = failed == 0 ? message.Text : $"{message.Text}\n[{failed} attachment(s) could not be downloaded]";
        return new ParseResult.Ok(message with { Attachments = attachments, Quote = quote, Text = text });
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
