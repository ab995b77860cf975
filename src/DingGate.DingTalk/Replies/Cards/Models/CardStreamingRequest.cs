using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Replies.Cards.Models;

/// <summary><c>PUT /v1.0/card/streaming</c> body (spec §6.2): full markdown content every time (<c>isFull=true</c>).</summary>
internal sealed record CardStreamingRequest(
    [property: JsonPropertyName("outTrackId")] string OutTrackId,
    [property: JsonPropertyName("guid")] string Guid,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("isFull")] bool IsFull,
    [property: JsonPropertyName("isFinalize")] bool IsFinalize,
    [property: JsonPropertyName("isError")] bool IsError);
