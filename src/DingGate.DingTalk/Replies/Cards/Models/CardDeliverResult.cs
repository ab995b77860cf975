using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Replies.Cards.Models;

/// <summary>One space's delivery result; <c>success=false</c> arrives with HTTP 200 (spec §6.1).</summary>
internal sealed record CardDeliverResult(
    [property: JsonPropertyName("spaceType")] string? SpaceType,
    [property: JsonPropertyName("spaceId")] string? SpaceId,
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("carrierId")] string? CarrierId,
    [property: JsonPropertyName("errorMsg")] string? ErrorMsg);
