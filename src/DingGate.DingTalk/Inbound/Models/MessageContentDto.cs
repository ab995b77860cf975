using System.Text.Json;
using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Inbound.Models;

/// <summary>
/// The <c>content</c> object of every non-text msgtype and of quoted messages (spec §2.3, §2.4): one DTO holding the
/// union of the per-type fields, since the msgtype beside it says which apply.
/// </summary>
internal sealed class MessageContentDto
{
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("downloadCode")]
    public string? DownloadCode { get; init; }

    [JsonPropertyName("pictureDownloadCode")]
    public string? PictureDownloadCode { get; init; }

    [JsonPropertyName("duration")]
    public long? Duration { get; init; }

    [JsonPropertyName("recognition")]
    public string? Recognition { get; init; }

    [JsonPropertyName("videoType")]
    public string? VideoType { get; init; }

    [JsonPropertyName("spaceId")]
    public string? SpaceId { get; init; }

    [JsonPropertyName("fileName")]
    public string? FileName { get; init; }

    [JsonPropertyName("fileId")]
    public string? FileId { get; init; }

    [JsonPropertyName("richText")]
    [JsonConverter(typeof(LenientListConverter<RichTextSegmentDto>))]
    public IReadOnlyList<RichTextSegmentDto>? RichText { get; init; }

    [JsonPropertyName("biz_custom_action_url")]
    public string? BizCustomActionUrl { get; init; }

    [JsonPropertyName("summary")]
    public string? Summary { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>A JSON string holding an array of records (observed), or the array itself.</summary>
    [JsonPropertyName("chatRecord")]
    public JsonElement? ChatRecord { get; init; }

    [JsonPropertyName("unknownMsgType")]
    public string? UnknownMsgType { get; init; }
}
