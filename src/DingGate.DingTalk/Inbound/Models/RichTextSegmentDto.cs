using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Inbound.Models;

/// <summary>
/// One segment of a richText body. Top-level messages use <c>{text}</c>, <c>{type:"text"|"picture"|"at"|"emoji",…}</c>
/// (spec §2.3); quoted richText uses <c>{msgType, content}</c> keys (§2.4). Both shapes read into this one DTO.
/// </summary>
internal sealed class RichTextSegmentDto
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("msgType")]
    public string? MsgType { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("content")]
    public string? Content { get; init; }

    [JsonPropertyName("downloadCode")]
    public string? DownloadCode { get; init; }

    [JsonPropertyName("pictureDownloadCode")]
    public string? PictureDownloadCode { get; init; }

    [JsonPropertyName("atName")]
    public string? AtName { get; init; }

    [JsonPropertyName("atUserId")]
    public string? AtUserId { get; init; }
}
