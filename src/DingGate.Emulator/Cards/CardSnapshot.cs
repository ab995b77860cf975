using System.Text.Json.Nodes;

namespace DingGate.Emulator.Cards;

/// <summary>JSON views of a card for the control API, taken under the card's lock.</summary>
internal static class CardSnapshot
{
    public static JsonObject Summary(CardInstance card)
    {
        lock (card.Gate)
        {
            return new JsonObject
            {
                ["outTrackId"] = card.OutTrackId, ["templateId"] = card.Template.TemplateId, ["state"] = CardStates.Name(card.State),
                ["finalized"] = card.Finalized, ["spinning"] = CardStates.IsSpinning(card.State),
                ["lifecycle"] = CardStates.Name(card.Template.Lifecycle), ["flowStatus"] = card.PublicData.GetValueOrDefault(CardStates.FlowStatusKey),
                ["callbackType"] = card.CallbackType, ["ownerClientId"] = card.OwnerClientId,
                ["createdAt"] = card.CreatedAt, ["spaces"] = Spaces(card),
            };
        }
    }

    public static JsonObject Full(CardInstance card)
    {
        var summary = Summary(card);
        lock (card.Gate)
        {
            summary["robotCode"] = card.RobotCode;
            summary["userIdType"] = card.UserIdType;
            summary["streamingKey"] = card.Template.StreamingKey;
            summary["publicData"] = CardParamMaps.ToJson(card.PublicData);
            var privateData = new JsonObject();
            foreach (var (user, map) in card.PrivateData.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                privateData[user] = CardParamMaps.ToJson(map);
            }

            summary["privateData"] = privateData;
            summary["streamingContent"] = CardParamMaps.ToJson(card.StreamingContent);
            summary["history"] = new JsonArray(card.History.Select(History).ToArray());
        }

        return summary;
    }

    private static JsonArray Spaces(CardInstance card) => new(card.Spaces.Select(s => (JsonNode)new JsonObject
    {
        ["spaceType"] = s.SpaceType, ["spaceId"] = s.SpaceId, ["carrierId"] = s.CarrierId, ["conversationId"] = s.ConversationId, ["at"] = s.At,
    }).ToArray());

    private static JsonNode History(CardUpdate u) => new JsonObject
    {
        ["sequence"] = u.Sequence, ["at"] = u.At, ["source"] = u.Source, ["guid"] = u.Guid, ["key"] = u.Key, ["content"] = u.Content,
        ["isFull"] = u.IsFull, ["isFinalize"] = u.IsFinalize, ["isError"] = u.IsError, ["duplicate"] = u.Duplicate, ["data"] = u.Data?.DeepClone(),
        ["state"] = u.State is { } state ? CardStates.Name(state) : null,
    };
}
