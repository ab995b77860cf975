using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Replies.Cards.Models;

/// <summary><c>{success, result:true}</c> of streaming and instance updates.</summary>
internal sealed record CardBoolResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("result")] bool? Result);
