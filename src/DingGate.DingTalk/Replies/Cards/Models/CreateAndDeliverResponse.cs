using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Replies.Cards.Models;

/// <summary>createAndDeliver answer <c>{success, result:{outTrackId, deliverResults}}</c>.</summary>
internal sealed record CreateAndDeliverResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("result")] CreateAndDeliverResult? Result);
