using System.Text.Json;
using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.Core.Texts;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Replies.Markdown;
using DingGate.DingTalk.Replies.Media;
using DingGate.DingTalk.Replies.Sending;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Proactive;

/// <summary>
/// One account's proactive sends (spec §4.2–4.4, §5.2): the text first — markdown when asked or detected, tables
/// converted when configured, split into ≤ 3 800-character messages with <c>(i/n)</c> titles — then each file
/// (uploaded, then <c>sampleImageMsg</c>/<c>sampleFile</c>/<c>sampleAudio</c>). Every file is checked against
/// DingTalk's limits before anything is sent. Every failure is a <see cref="MessageSendException"/> naming the target.
/// </summary>
internal sealed partial class ProactiveSender(
    DingTalkAccount account, RobotMessageSender robot, MediaUploader uploader, MediaMessageSender media, ILogger<ProactiveSender> logger, LiveAccount? live = null)
{
    public async Task<SendReceipt> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var files = message.Files ?? [];
        if (string.IsNullOrWhiteSpace(message.Text) && files.Count == 0)
        {
            throw new MessageSendException(target, "the message is empty (no text and no files).");
        }

        var checkedFiles = new List<CheckedMedia>(files.Count);
        foreach (var file in files)
        {
            try
            {
                checkedFiles.Add(OutboundMediaLimits.Check(file));
            }
            catch (MediaRejectedException ex)
            {
                throw new MessageSendException(target, ex.Message, ex);
            }
        }

        var meter = new ApiCallMeter();
        var keys = new List<string>();
        try
        {
            if (!string.IsNullOrWhiteSpace(message.Text))
            {
                await SendTextAsync(target, message, keys, meter, cancellationToken);
            }

            foreach (var file in checkedFiles)
            {
                var mediaId = await UploadAsync(target, file, keys.Count, meter, cancellationToken);
                keys.Add(await media.SendAsync(target, file, mediaId, meter, cancellationToken));
            }
        }
        catch (MessageSendException ex)
        {
            LogSendFailed(logger, account.Id, target, keys.Count, ex);
            throw;
        }

        LogSent(logger, account.Id, target, keys.Count, meter);
        return new SendReceipt(keys, meter.Snapshot());
    }

    private async Task SendTextAsync(MessageTarget target, OutboundMessage message, List<string> keys, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        var markdown = message.Markdown ?? MarkdownDetector.LooksLikeMarkdown(message.Text);
        var text = markdown && account.ConvertMarkdownTables ? MarkdownTableConverter.Convert(message.Text) : message.Text;
        var chunks = MarkdownChunker.Split(text);
        var title = message.Title is { Length: > 0 } given ? given : ReplyTitle.From(text, ReplyTexts.Title.For((live?.Current ?? account).Locale));
        for (var i = 0; i < chunks.Count; i++)
        {
            var (key, param) = markdown
                ? ("sampleMarkdown", JsonSerializer.Serialize(
                    new SampleMarkdownParam(chunks.Count == 1 ? title : $"{title} ({i + 1}/{chunks.Count})", chunks[i]), DingTalkJsonContext.Wire.SampleMarkdownParam))
                : ("sampleText", JsonSerializer.Serialize(new SampleTextParam(chunks[i]), DingTalkJsonContext.Wire.SampleTextParam));
            keys.Add(await robot.SendAsync(target, key, param, meter, cancellationToken));
        }
    }

    private async Task<string> UploadAsync(MessageTarget target, CheckedMedia file, int sentBefore, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        var already = sentBefore == 0 ? string.Empty : $" ({sentBefore} message(s) were already sent)";
        try
        {
            return await uploader.UploadAsync(file, meter, cancellationToken);
        }
        catch (MediaRejectedException ex)
        {
            throw new MessageSendException(target, ex.Message + already, ex);
        }
    }

    [LoggerMessage(EventId = 2140, Level = LogLevel.Information, Message = "Account {AccountId}: sent {Messages} message(s) to {Target} (calls: {Calls})")]
    private static partial void LogSent(ILogger logger, string accountId, MessageTarget target, int messages, ApiCallMeter calls);

    [LoggerMessage(EventId = 2141, Level = LogLevel.Warning, Message = "Account {AccountId}: a proactive send to {Target} failed after {Messages} message(s)")]
    private static partial void LogSendFailed(ILogger logger, string accountId, MessageTarget target, int messages, Exception exception);
}
