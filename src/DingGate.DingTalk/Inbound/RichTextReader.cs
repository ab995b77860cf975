using System.Text;
using DingGate.Core.Inbound;
using DingGate.DingTalk.Inbound.Models;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Flattens richText segments (both the top-level <c>{text}</c>/<c>{type}</c> shape and the quoted
/// <c>{msgType, content}</c> shape) into one text: text concatenated, "@name" for mentions, "[image]" where a picture
/// was, each picture becoming an attachment.
/// </summary>
internal static class RichTextReader
{
    public static ParsedBody Read(IReadOnlyList<RichTextSegmentDto>? segments, ParseContext context)
    {
        var text = new StringBuilder();
        var attachments = new List<InboundAttachment>();
        var mentioned = new List<string>();
        foreach (var segment in segments ?? [])
        {
            switch (segment.Type ?? segment.MsgType)
            {
                case "picture" or "image":
                    text.Append(InboundPlaceholders.Image);
                    if (FirstNonEmpty(segment.DownloadCode, segment.PictureDownloadCode) is { } code)
                    {
                        attachments.Add(new InboundAttachment { Kind = InboundContentKind.Picture, DownloadCode = code });
                    }

                    break;
                case "at":
                    if (context.IsBot(segment.AtUserId) || IsBotName(segment.AtName, context))
                    {
                        break; // the @bot mention carries no meaning for the model
                    }

                    text.Append('@').Append(segment.AtName ?? segment.AtUserId ?? segment.Text);
                    if (!string.IsNullOrWhiteSpace(segment.AtUserId))
                    {
                        mentioned.Add(segment.AtUserId);
                    }

                    break;
                default:
                    text.Append(segment.Text ?? segment.Content);
                    break;
            }
        }

        return new ParsedBody(InboundContentKind.RichText, text.ToString(), attachments, mentioned);
    }

    public static string? FirstNonEmpty(string? first, string? second) =>
        !string.IsNullOrWhiteSpace(first) ? first : !string.IsNullOrWhiteSpace(second) ? second : null;

    private static bool IsBotName(string? name, ParseContext context) =>
        !string.IsNullOrWhiteSpace(context.BotName) && string.Equals(name?.Trim(), context.BotName.Trim(), StringComparison.OrdinalIgnoreCase);
}
