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
/// dropped. What was downloaded is remembered in <see cref="RecentInboundMedia"/>; a quote of a message found there
/// takes its files from it (copied into <c>quote/</c>), whether or not the quote carries a <c>downloadCode</c>.
/// </summary>
internal sealed partial class InboundPreparer(
    DingTalkAccount account, InboundMessageParser parser, MediaDownloader media, string mediaRoot, ILogger<InboundPreparer> logger,
    RecentInboundMedia? recent = null)
{
    /// <summary>Parses without downloading anything.</summary>
    public ParseResult Parse(string payload, string fallbackMessageId) => parser.Parse(account.Id, account.Name, payload, fallbackMessageId);

    /// <summary>The number of files a message carries (its own and its quote's): what <see cref="DownloadAsync"/> would fetch.</summary>
    public static int AttachmentCount(InboundMessage message) => message.Attachments.Count + (message.Quote?.Attachments.Count ?? 0);

    /// <summary>Downloads the attachments of a message the access policy allowed; a message without any (and no remembered quote) is returned as is.</summary>
    public async Task<InboundMessage> DownloadAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var remembered = message.Quote is { MessageId: { Length: > 0 } quotedId } ? recent?.Find(quotedId, message.ConversationId) : null;
        if (AttachmentCount(message) == 0 && remembered is null)
        {
            if (message.Quote is { MessageId: { Length: > 0 } missed, Kind: InboundContentKind.Picture or InboundContentKind.File or InboundContentKind.Audio or InboundContentKind.Video or InboundContentKind.Unknown })
            {
                LogQuotedMediaUnknown(account.Id, missed, message.Quote.Kind);
            }

            return message;
        }

        var directory = MediaFolders.Message(mediaRoot, account.Id, message.MessageId);
        var attachments = await DownloadAllAsync(message.Attachments, directory, cancellationToken);
        var quote = message.Quote;
        if (quote is not null && remembered is not null && Copy(remembered, Path.Combine(directory, "quote")) is { Count: > 0 } copies)
        {
            LogQuotedMediaRemembered(account.Id, quote.MessageId!, copies.Count);
            quote = quote with
            {
                Attachments = copies,
                Kind = quote.Kind == InboundContentKind.Unknown ? copies[0].Kind : quote.Kind,
                Text = quote.Text.Length > 0 ? quote.Text : string.Join(' ', copies.Select(Placeholder)),
            };
        }
        else if (quote is { Attachments.Count: > 0 })
        {
            quote = quote with { Attachments = await DownloadAllAsync(quote.Attachments, Path.Combine(directory, "quote"), cancellationToken) };
            if (quote.MessageId is { Length: > 0 } downloadedId)
            {
                recent?.Remember(downloadedId, message.ConversationId, quote.Attachments);
            }
        }

        recent?.Remember(message.MessageId, message.ConversationId, attachments);
        var failed = attachments.Count(a => a.LocalPath is null);
        var text = failed == 0 ? message.Text : $"{message.Text}\n[{failed} attachment(s) could not be downloaded]";
        return message with { Attachments = attachments, Quote = quote, Text = text };
    }

    // Copies remembered files into this message's folder, so they live as long as it does (retention deletes per message).
    private List<InboundAttachment> Copy(IReadOnlyList<InboundAttachment> remembered, string directory)
    {
        var copies = new List<InboundAttachment>(remembered.Count);
        foreach (var attachment in remembered)
        {
            try
            {
                Directory.CreateDirectory(directory);
                var target = Path.Combine(directory, Path.GetFileName(attachment.LocalPath!));
                File.Copy(attachment.LocalPath!, target, overwrite: true);
                copies.Add(attachment with { LocalPath = target });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogRememberedCopyFailed(account.Id, attachment.Kind, ex.Message);
            }
        }

        return copies;
    }

    private static string Placeholder(InboundAttachment attachment) => attachment.Kind switch
    {
        InboundContentKind.Picture => InboundPlaceholders.Image,
        InboundContentKind.Video => InboundPlaceholders.Video,
        InboundContentKind.Audio => InboundPlaceholders.Voice,
        _ => InboundPlaceholders.File(attachment.FileName),
    };

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

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Account {AccountId}: the quoted message {QuotedMessageId} was found among recent media ({Files} file(s)); nothing downloaded for it")]
    private partial void LogQuotedMediaRemembered(string accountId, string quotedMessageId, int files);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Account {AccountId}: the quote of {QuotedMessageId} ({Kind}) carries no downloadCode and its media is not among recent media (older, another conversation, or received before the last start); the model gets the quote's text only")]
    private partial void LogQuotedMediaUnknown(string accountId, string quotedMessageId, InboundContentKind kind);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Account {AccountId}: could not copy a remembered {Kind} file for a quote: {Reason}")]
    private partial void LogRememberedCopyFailed(string accountId, InboundContentKind kind, string reason);
}
