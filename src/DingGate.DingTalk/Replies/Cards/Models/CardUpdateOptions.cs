using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Replies.Cards.Models;

/// <summary>Without it DingTalk overwrites cardData wholesale (spec §6.3); with ByKey only the given keys change.</summary>
internal sealed record CardUpdateOptions(
    [property: JsonPropertyName("updateCardDataByKey")] bool UpdateCardDataByKey = true,
    [property: JsonPropertyName("updatePrivateDataByKey")] bool UpdatePrivateDataByKey = false);
