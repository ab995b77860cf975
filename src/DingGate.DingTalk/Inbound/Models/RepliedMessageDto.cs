using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Inbound.Models;

/// <summary><c>text.repliedMsg</c>: the quoted message (spec §2.4; note the camel-case <c>msgType</c>).</summary>
internal sealed class RepliedMessageDto
{
    [JsonPropertyName("msgType")]
    public string? MsgType { get; init; }

    [JsonPropertyName("msgtype")]
    public string? MsgTypeLower { get; init; }

    [JsonPropertyName("msgId")]
    public string? MsgId { get; init; }

    [JsonPropertyName("senderId")]
    public string? SenderId { get; init; }

    [JsonPropertyName("createdAt")]
    public long? CreatedAt { get; init; }

    [JsonPropertyName("content")]
    [JsonConverter(typeof(LenientObjectConverter<MessageContentDto>))]
    public MessageContentDto? Content { get; init; }
}
