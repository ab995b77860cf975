using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Replies.Cards.Models;

/// <summary><c>result</c> of createAndDeliver.</summary>
internal sealed record CreateAndDeliverResult(
    [property: JsonPropertyName("outTrackId")] string? OutTrackId,
    [property: JsonPropertyName("deliverResults")] IReadOnlyList<CardDeliverResult>? DeliverResults);
