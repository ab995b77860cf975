using System.Text.Json.Nodes;

namespace DingGate.Emulator.Cards;

/// <summary>The decoded <c>data</c> of a card button CALLBACK frame (spec §6.5).</summary>
internal static class CardCallbackPayload
{
    public const string Topic = "/v1.0/card/instances/callback";

    public static JsonObject Build(CardInstance card, string userId, CardSpace? space, JsonArray actionIds, JsonObject parameters)
    {
        var content = new JsonObject { ["cardPrivateData"] = new JsonObject { ["actionIds"] = actionIds, ["params"] = parameters } };
        return new JsonObject
        {
            ["type"] = "actionCallback",
            ["outTrackId"] = card.OutTrackId,
            ["corpId"] = card.CorpId,
            ["userId"] = userId,
            ["userIdType"] = card.UserIdType,
            ["spaceType"] = space?.SpaceType ?? "",
            ["spaceId"] = space?.SpaceId ?? "",
            ["extension"] = "{}",
            ["content"] = content.ToJsonString(),
        };
    }
}
