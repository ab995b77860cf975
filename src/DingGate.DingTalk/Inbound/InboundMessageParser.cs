using System.Text.Json;
using DingGate.Core.Inbound;
using DingGate.DingTalk.Inbound.Models;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Turns the <c>data</c> of a bot-message CALLBACK (spec §2) into an <see cref="InboundMessage"/>. Never throws:
/// unreadable payloads are <see cref="ParseResult.Invalid"/>, the bot's own messages <see cref="ParseResult.Ignored"/>.
/// A payload needs a message id (<c>msgId</c>, else the frame's), a <c>conversationId</c>, a
/// <c>conversationType</c> of "1" or "2" and a sender (<c>senderId</c>, else <c>senderStaffId</c>); everything else
/// is optional and defaults sensibly (<c>createAt</c> missing: now).
/// </summary>
internal sealed class InboundMessageParser(TimeProvider time)
{
    /// <param name="accountId">The receiving account.</param>
    /// <param name="botName">The bot's display name, stripped when the text still starts with "@name".</param>
    /// <param name="payloadJson">The decoded <c>data</c> string of the frame.</param>
    /// <param name="fallbackMessageId">The frame's <c>headers.messageId</c>, used when <c>msgId</c> is absent (spec §2.5).</param>
    public ParseResult Parse(string accountId, string? botName, string? payloadJson, string? fallbackMessageId = null)
    {
        if (string.IsNullOrWhiteSpace(payloadJson))
        {
            return new ParseResult.Invalid("empty payload");
        }

        BotMessagePayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(payloadJson, InboundJsonContext.Default.BotMessagePayload);
        }
        catch (JsonException e)
        {
            return new ParseResult.Invalid("payload is not a readable JSON object: " + e.Message);
        }

        return payload is null ? new ParseResult.Invalid("payload is JSON null") : Map(accountId, botName, payload, fallbackMessageId);
    }

    private ParseResult Map(string accountId, string? botName, BotMessagePayload p, string? fallbackMessageId)
    {
        var messageId = Blank(p.MsgId) ?? Blank(fallbackMessageId);
        var senderId = Blank(p.SenderId) ?? Blank(p.SenderStaffId);
        ConversationKind? conversation = p.ConversationType?.Trim() switch
        {
            "1" => ConversationKind.Direct,
            "2" => ConversationKind.Group,
            _ => null,
        };
        var problem = messageId is null ? "no msgId"
            : Blank(p.ConversationId) is null ? "no conversationId"
            : conversation is null ? $"conversationType '{p.ConversationType}' is neither \"1\" nor \"2\""
            : senderId is null ? "no senderId" : null;
        if (problem is not null)
        {
            return new ParseResult.Invalid(problem);
        }

        var context = new ParseContext(Blank(p.ChatbotUserId), botName);
        if (context.IsBot(p.SenderId))
        {
            return new ParseResult.Ignored("message sent by the bot itself");
        }

        var body = Body(p, context);
        var atUsers = p.AtUsers ?? [];
        var mentioned = atUsers.Where(a => !context.IsBot(a.DingtalkId)).Select(a => Blank(a.StaffId))
            .Concat(body.Body.MentionedUserIds).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new ParseResult.Ok(new InboundMessage
        {
            AccountId = accountId,
            MessageId = messageId!,
            ConversationId = p.ConversationId!,
            Conversation = conversation!.Value,
            ConversationTitle = conversation == ConversationKind.Group ? Blank(p.ConversationTitle) : null,
            Sender = new InboundSender(senderId!, Blank(p.SenderStaffId), p.SenderNick?.Trim() ?? string.Empty, Blank(p.SenderCorpId), p.IsAdmin == true),
            Kind = body.Body.Kind,
            Text = body.Body.Kind is InboundContentKind.Text or InboundContentKind.RichText or InboundContentKind.Markdown
                ? MentionText.Clean(body.Body.Text, botName)
                : body.Body.Text.Trim(),
            Attachments = body.Body.Attachments,
            MentionsBot = p.IsInAtList == true || atUsers.Any(a => context.IsBot(a.DingtalkId)),
            MentionedStaffIds = mentioned,
            Quote = QuoteMapper.Map(p, context),
            CreatedAt = FromUnixMs(p.CreateAt) ?? time.GetUtcNow(),
            ReplyWebhook = Uri.TryCreate(p.SessionWebhook, UriKind.Absolute, out var hook) && (hook.Scheme == Uri.UriSchemeHttps || hook.Scheme == Uri.UriSchemeHttp) ? hook : null,
            ReplyWebhookExpiresAt = FromUnixMs(p.SessionWebhookExpiredTime),
            PlatformError = body.Error,
        });
    }

    private static (ParsedBody Body, string? Error) Body(BotMessagePayload p, ParseContext context)
    {
        var code = Blank(p.ErrorCode) ?? Blank(p.ErrCode);
        var error = code is null or "0" ? null : $"{code}: {Blank(p.ErrorMessage) ?? Blank(p.ErrMsg) ?? "(no message)"}";
        var msgType = Blank(p.MsgType) ?? (p.Text is not null ? "text" : "unknownMsgType");
        if (error is not null && p.Text is null && p.Content is null)
        {
            // Quota exhausted (20001): text/content are missing (spec §2.1); keep the message with a placeholder.
            var placeholder = code == "20001" ? InboundPlaceholders.QuotaExhausted : InboundPlaceholders.PlatformError(code!);
            return (ParsedBody.OfText(InboundContentKind.Unknown, placeholder), error);
        }

        return (MessageBodyMapper.Map(msgType, p.Text?.Content, p.Content, context), error);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateTimeOffset? FromUnixMs(long? ms) =>
        ms is { } v && v >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && v <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(v)
            : null;
}
