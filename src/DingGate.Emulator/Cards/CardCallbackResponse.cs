using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.Emulator.Http;

namespace DingGate.Emulator.Cards;

/// <summary>
/// Applies a card callback's ACK <c>data</c>, <c>{"response":{cardData, userPrivateData, cardUpdateOptions}}</c>
/// (spec §6.5): public variables plus the clicking user's private ones, merged by key per the options. An empty
/// response (absent, <c>{}</c>, <c>null</c>) means no change.
/// </summary>
internal static class CardCallbackResponse
{
    /// <summary>Applied = something changed; Error says why a response was refused (not JSON, non-string values).</summary>
    public static (bool Applied, string? Error) Apply(CardInstance card, string userKey, string? data, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return (false, null);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(data);
        }
        catch (JsonException)
        {
            return (false, "ACK data is not JSON");
        }

        if ((root as JsonObject)?["response"] is not JsonObject response || response.Count == 0)
        {
            return (false, null);
        }

        Dictionary<string, string>? privateData = null;
        var error = CardParamMaps.Read(response["cardData"], "response.cardData", out var publicData);
        error ??= CardParamMaps.Read(response["userPrivateData"], "response.userPrivateData", out privateData);
        if (error is not null)
        {
            return (false, error.Message);
        }

        if (publicData is null && privateData is null)
        {
            return (false, null);
        }

        var options = response["cardUpdateOptions"] as JsonObject;
        var privateByUser = privateData is null ? null : new Dictionary<string, Dictionary<string, string>> { [userKey] = privateData };
        lock (card.Gate)
        {
            card.ApplyData(
                publicData, options?.GetBool("updateCardDataByKey") ?? false,
                privateByUser, options?.GetBool("updatePrivateDataByKey") ?? false);
            card.History.Add(new CardUpdate(card.History.Count + 1, at, "callback", Data: response.DeepClone(), State: card.State));
        }

        return (true, null);
    }
}
