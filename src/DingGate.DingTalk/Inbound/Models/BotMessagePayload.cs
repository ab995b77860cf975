using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Inbound.Models;

/// <summary>
/// The decoded <c>data</c> of a <c>/v1.0/im/bot/messages/get</c> CALLBACK (spec §2.1). Every field is optional here:
/// the parser decides what a usable message needs. Unknown fields are ignored; numbers may arrive as strings.
/// </summary>
internal sealed class BotMessagePayload
{
    [JsonPropertyName("msgtype")]
    public string? MsgType { get; init; }

    [JsonPropertyName("msgId")]
    public string? MsgId { get; init; }

    [JsonPropertyName("createAt")]
    public long? CreateAt { get; init; }

    [JsonPropertyName("conversationType")]
    public string? ConversationType { get; init; }

    [JsonPropertyName("conversationId")]
    public string? ConversationId { get; init; }

    [JsonPropertyName("conversationTitle")]
    public string? ConversationTitle { get; init; }

    [JsonPropertyName("senderId")]
    public string? SenderId { get; init; }

    [JsonPropertyName("senderStaffId")]
    public string? SenderStaffId { get; init; }

    [JsonPropertyName("senderNick")]
    public string? SenderNick { get; init; }

    [JsonPropertyName("senderCorpId")]
    public string? SenderCorpId { get; init; }

    [JsonPropertyName("isAdmin")]
    public bool? IsAdmin { get; init; }

    [JsonPropertyName("chatbotUserId")]
    public string? ChatbotUserId { get; init; }

    [JsonPropertyName("robotCode")]
    public string? RobotCode { get; init; }

    [JsonPropertyName("isInAtList")]
    public bool? IsInAtList { get; init; }

    [JsonPropertyName("atUsers")]
    [JsonConverter(typeof(LenientListConverter<AtUserDto>))]
    public IReadOnlyList<AtUserDto>? AtUsers { get; init; }

    [JsonPropertyName("sessionWebhook")]
    public string? SessionWebhook { get; init; }

    [JsonPropertyName("sessionWebhookExpiredTime")]
    public long? SessionWebhookExpiredTime { get; init; }

    [JsonPropertyName("text")]
    [JsonConverter(typeof(LenientObjectConverter<TextBodyDto>))]
    public TextBodyDto? Text { get; init; }

    [JsonPropertyName("content")]
    [JsonConverter(typeof(LenientObjectConverter<MessageContentDto>))]
    public MessageContentDto? Content { get; init; }

    [JsonPropertyName("originalMsgId")]
    public string? OriginalMsgId { get; init; }

    [JsonPropertyName("originalProcessQueryKey")]
    public string? OriginalProcessQueryKey { get; init; }

    [JsonPropertyName("quoteMessage")]
    [JsonConverter(typeof(LenientObjectConverter<QuoteMessageDto>))]
    public QuoteMessageDto? QuoteMessage { get; init; }

    /// <summary>Quota exhausted (20001); the spec also saw the <c>errCode</c> spelling.</summary>
    [JsonPropertyName("errorCode")]
    public string? ErrorCode { get; init; }

    [JsonPropertyName("errCode")]
    public string? ErrCode { get; init; }

    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; init; }

    [JsonPropertyName("errMsg")]
    public string? ErrMsg { get; init; }
}
