using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>The <c>textEmotion</c> part of an emotion reaction (spec Appendix B).</summary>
internal sealed record TextEmotion(
    [property: JsonPropertyName("emotionId")] string EmotionId,
    [property: JsonPropertyName("emotionName")] string EmotionName,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("backgroundId")] string BackgroundId);
