using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Inbound.Models;

/// <summary>Legacy top-level <c>quoteMessage</c>: <c>{msgId, msgtype, text:{content}, senderNick, senderId}</c> (spec §2.4).</summary>
internal sealed class QuoteMessageDto
{
    [JsonPropertyName("msgId")]
    public string? MsgId { get; init; }

    [JsonPropertyName("msgtype")]
    public string? MsgType { get; init; }

    [JsonPropertyName("msgType")]
    public string? MsgTypeCamel { get; init; }

    [JsonPropertyName("text")]
    [JsonConverter(typeof(LenientObjectConverter<TextBodyDto>))]
    public TextBodyDto? Text { get; init; }

    [JsonPropertyName("content")]
    [JsonConverter(typeof(LenientObjectConverter<MessageContentDto>))]
    public MessageContentDto? Content { get; init; }

    [JsonPropertyName("senderNick")]
    public string? SenderNick { get; init; }

    [JsonPropertyName("senderId")]
    public string? SenderId { get; init; }
}
