using DingGate.Core.Inbound;
using DingGate.DingTalk.Inbound.Models;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Maps one msgtype body (spec §2.3, and the quoted bodies of §2.4) to a <see cref="ParsedBody"/>: readable text plus
/// attachments. Unknown types become <see cref="InboundContentKind.Unknown"/> with a placeholder, never nothing.
/// </summary>
internal static class MessageBodyMapper
{
    /// <param name="msgType">The wire msgtype.</param>
    /// <param name="textContent">The <c>text.content</c> of a text message (top-level or legacy quote).</param>
    /// <param name="content">The <c>content</c> object of other types (and of quoted text, as <c>content.text</c>).</param>
    /// <param name="context">The receiving bot.</param>
    public static ParsedBody Map(string msgType, string? textContent, MessageContentDto? content, ParseContext context)
    {
        switch (KindOf(msgType))
        {
            case InboundContentKind.Text:
                return ParsedBody.OfText(InboundContentKind.Text, textContent ?? content?.Text ?? string.Empty);
            case InboundContentKind.RichText:
                return RichTextReader.Read(content?.RichText, context);
            case InboundContentKind.Picture:
                return WithFile(InboundContentKind.Picture, InboundPlaceholders.Image, RichTextReader.FirstNonEmpty(content?.DownloadCode, content?.PictureDownloadCode), content);
            case InboundContentKind.Audio:
                var recognition = content?.Recognition;
                return WithFile(InboundContentKind.Audio, string.IsNullOrWhiteSpace(recognition) ? InboundPlaceholders.Voice : recognition.Trim(), content?.DownloadCode, content);
            case InboundContentKind.Video:
                return WithFile(InboundContentKind.Video, InboundPlaceholders.Video, content?.DownloadCode, content);
            case InboundContentKind.File:
                return WithFile(InboundContentKind.File, InboundPlaceholders.File(content?.FileName), content?.DownloadCode, content);
            case InboundContentKind.Markdown:
                return ParsedBody.OfText(InboundContentKind.Markdown, content?.Text ?? textContent ?? string.Empty);
            case InboundContentKind.InteractiveCard:
                var parts = new[] { InboundPlaceholders.Card, content?.Text?.Trim(), content?.BizCustomActionUrl?.Trim() };
                return ParsedBody.OfText(InboundContentKind.InteractiveCard, string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p))));
            case InboundContentKind.ChatRecord:
                return ParsedBody.OfText(InboundContentKind.ChatRecord, ChatRecordReader.Render(content));
            default:
                return ParsedBody.OfText(InboundContentKind.Unknown, Unknown(msgType, content));
        }
    }

    public static InboundContentKind KindOf(string msgType) => msgType.ToUpperInvariant() switch
    {
        "TEXT" => InboundContentKind.Text,
        "RICHTEXT" => InboundContentKind.RichText,
        "PICTURE" or "IMAGE" => InboundContentKind.Picture,
        "AUDIO" or "VOICE" => InboundContentKind.Audio,
        "VIDEO" => InboundContentKind.Video,
        "FILE" => InboundContentKind.File,
        "MARKDOWN" => InboundContentKind.Markdown,
        "INTERACTIVECARD" => InboundContentKind.InteractiveCard,
        "CHATRECORD" => InboundContentKind.ChatRecord,
        _ => InboundContentKind.Unknown,
    };

    private static ParsedBody WithFile(InboundContentKind kind, string text, string? downloadCode, MessageContentDto? content)
    {
        if (string.IsNullOrWhiteSpace(downloadCode))
        {
            return ParsedBody.OfText(kind, text);
        }

        var attachment = new InboundAttachment
        {
            Kind = kind,
            DownloadCode = downloadCode,
            FileName = string.IsNullOrWhiteSpace(content?.FileName) ? null : content.FileName,
            DurationMs = kind is InboundContentKind.Audio or InboundContentKind.Video ? content?.Duration : null,
        };
        return new ParsedBody(kind, text, [attachment], []);
    }

    private static string Unknown(string msgType, MessageContentDto? content)
    {
        if (!string.Equals(msgType, "unknownMsgType", StringComparison.Ordinal))
        {
            return InboundPlaceholders.UnsupportedType(msgType);
        }

        // DingTalk explains what the bot could not receive ("用户发送了一条消息，机器人暂不支持接收。"); keep its words.
        var note = content?.UnknownMsgType?.Trim();
        return string.IsNullOrEmpty(note) ? InboundPlaceholders.Unsupported : $"{InboundPlaceholders.Unsupported} {note}";
    }
}
