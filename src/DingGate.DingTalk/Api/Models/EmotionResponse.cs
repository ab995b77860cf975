using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>Emotion reply/recall answer (lenient: only <c>success</c> is read).</summary>
internal sealed record EmotionResponse([property: JsonPropertyName("success")] bool? Success);
