using DingGate.Core.Inbound;
using DingGate.DingTalk.Inbound.Models;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Reads the quoted ("引用") message in its three observed shapes (spec §2.4), first match wins:
/// <c>text.repliedMsg</c>; <c>text.isReplyMsg</c> with only a top-level <c>originalMsgId</c>; the legacy top-level
/// <c>quoteMessage</c>. A quote is from the bot when its sender id equals <c>chatbotUserId</c>; then the top-level
/// <c>originalProcessQueryKey</c> names the bot's card (<see cref="InboundQuote.BotMessageKey"/>).
/// </summary>
internal static class QuoteMapper
{
    public static InboundQuote? Map(BotMessagePayload payload, ParseContext context)
    {
        if (payload.Text?.RepliedMsg is { } replied)
        {
            var msgType = replied.MsgType ?? replied.MsgTypeLower ?? "unknownMsgType";
            return Build(msgType, replied.MsgId ?? payload.OriginalMsgId, replied.SenderId, null, replied.Content, payload, context);
        }

        if (payload.Text?.IsReplyMsg == true && !string.IsNullOrWhiteSpace(payload.OriginalMsgId))
        {
            return new InboundQuote
            {
                MessageId = payload.OriginalMsgId,
                Kind = InboundContentKind.Unknown,
                BotMessageKey = NullIfBlank(payload.OriginalProcessQueryKey),
            };
        }

        if (payload.QuoteMessage is { } legacy)
        {
            var msgType = legacy.MsgType ?? legacy.MsgTypeCamel ?? "text";
            return Build(msgType, legacy.MsgId, legacy.SenderId, legacy.Text?.Content, legacy.Content, payload, context);
        }

        return null;
    }

    private static InboundQuote Build(
        string msgType, string? msgId, string? senderId, string? text, MessageContentDto? content, BotMessagePayload payload, ParseContext context)
    {
        var body = MessageBodyMapper.Map(msgType, text, content, context);
        var fromBot = context.IsBot(senderId);
        return new InboundQuote
        {
            MessageId = NullIfBlank(msgId),
            SenderId = NullIfBlank(senderId),
            FromBot = fromBot,
            Kind = body.Kind,
            Text = body.Text.Trim(),
            Attachments = body.Attachments,
            BotMessageKey = fromBot ? NullIfBlank(payload.OriginalProcessQueryKey) : null,
        };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
