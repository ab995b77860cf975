using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Replies.Cards.Models;

/// <summary><c>PUT /v1.0/card/instances</c> body (spec §6.3).</summary>
internal sealed record CardInstanceUpdateRequest(
    [property: JsonPropertyName("outTrackId")] string OutTrackId,
    [property: JsonPropertyName("cardData")] CardData CardData,
    [property: JsonPropertyName("cardUpdateOptions")] CardUpdateOptions CardUpdateOptions,
    [property: JsonPropertyName("userIdType")] int UserIdType = 1);
