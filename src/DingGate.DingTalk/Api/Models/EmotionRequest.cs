using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>Body of <c>POST /v1.0/robot/emotion/reply</c> and <c>/recall</c> (spec Appendix B, observed in a production plugin).</summary>
internal sealed record EmotionRequest(
    [property: JsonPropertyName("robotCode")] string RobotCode,
    [property: JsonPropertyName("openMsgId")] string OpenMsgId,
    [property: JsonPropertyName("openConversationId")] string OpenConversationId,
    [property: JsonPropertyName("emotionName")] string EmotionName,
    [property: JsonPropertyName("textEmotion")] TextEmotion TextEmotion)
{
    [JsonPropertyName("emotionType")]
    public int EmotionType => 2;
}
