using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Inbound.Models;

/// <summary>The <c>text</c> object: the content plus reply info when the user quoted a message (spec §2.1, §2.4).</summary>
internal sealed class TextBodyDto
{
    [JsonPropertyName("content")]
    public string? Content { get; init; }

    [JsonPropertyName("isReplyMsg")]
    public bool? IsReplyMsg { get; init; }

    [JsonPropertyName("repliedMsg")]
    [JsonConverter(typeof(LenientObjectConverter<RepliedMessageDto>))]
    public RepliedMessageDto? RepliedMsg { get; init; }
}
