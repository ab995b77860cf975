using System.Text.Json.Nodes;
using DingGate.Emulator.Control;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;
using DingGate.Emulator.Stream;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Emulator.Cards;

/// <summary>
/// <c>POST /_emulator/cards/{outTrackId}/click</c>: a user clicks a button on a <c>callbackType:"STREAM"</c> card. The
/// §6.5 payload is pushed as a CALLBACK on <c>/v1.0/card/instances/callback</c>; the ACK (within the card window,
/// enforced by the pusher) is applied to the card. The pusher is resolved per request because the Stream side
/// registers it.
/// </summary>
internal static class CardClickHandler
{
    public static async Task<IResult> ClickAsync(string outTrackId, HttpContext context, CardStore store, OrgDirectory org, EmulatorOptions options)
    {
        if (store.Find(outTrackId) is not { } card)
        {
            return ControlResults.NotFound($"No card with outTrackId '{outTrackId}'.");
        }

        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        var user = org.FindUser(body?.GetString("userId"));
        if (body is null || user is null)
        {
            return ControlResults.BadRequest("JSON body with 'userId' (a known user) is required; optional 'actionIds' (array), 'params' (object), 'spaceId'.");
        }

        if (!string.Equals(card.CallbackType, "STREAM", StringComparison.OrdinalIgnoreCase))
        {
            return ControlResults.BadRequest(
                $"Card '{outTrackId}' was created with callbackType '{card.CallbackType ?? "(none)"}'; only cards created with callbackType \"STREAM\" send Stream callbacks.");
        }

        if (body["actionIds"] is not null and not JsonArray || body["params"] is not null and not JsonObject)
        {
            return ControlResults.BadRequest("'actionIds' must be an array of strings and 'params' an object.");
        }

        if (context.RequestServices.GetService<IStreamPusher>() is not { } pusher)
        {
            return Results.Json(new Dictionary<string, string> { ["error"] = "Stream push is not available in this emulator build (no IStreamPusher registered)." }, statusCode: 503);
        }

        var userKey = CardUsers.IdOf(user, card.UserIdType);
        var payload = CardCallbackPayload.Build(
            card, userKey, PickSpace(card, user, org, body.GetString("spaceId")),
            (JsonArray?)body["actionIds"]?.DeepClone() ?? [], (JsonObject?)body["params"]?.DeepClone() ?? []);
        var handle = pusher.Push(card.OwnerClientId, new StreamPushRequest(StreamPushKind.CardCallback, CardCallbackPayload.Topic, payload.ToJsonString(EmulatorJson.Options)));
        var ack = await handle.Ack.WaitAsync(context.RequestAborted);
        var (applied, error) = ack is { Code: 200 }
            ? CardCallbackResponse.Apply(card, userKey, ack.Data, options.TimeProvider.GetUtcNow())
            : (false, ack is null ? null : $"ACK code {ack.Code} is not 200; response ignored");
        return Results.Json(new JsonObject
        {
            ["messageId"] = handle.MessageId, ["delivered"] = handle.Delivered, ["acked"] = ack is not null, ["ackCode"] = ack?.Code,
            ["applied"] = applied, ["error"] = error, ["payload"] = payload, ["state"] = CardSnapshot.Full(card),
        }, EmulatorJson.Options);
    }

    /// <summary>The space the click happens in: the one named, else the user's 1:1 chat, a group they are in, or the first.</summary>
    private static CardSpace? PickSpace(CardInstance card, OrgUser user, OrgDirectory org, string? spaceId)
    {
        lock (card.Gate)
        {
            return card.Spaces.FirstOrDefault(s => s.SpaceId == spaceId)
                ?? card.Spaces.FirstOrDefault(s => s.SpaceType == OpenSpace.ImRobot && s.SpaceId == CardUsers.IdOf(user, card.UserIdType))
                ?? card.Spaces.FirstOrDefault(s => s.SpaceType == OpenSpace.ImGroup && org.FindGroup(s.SpaceId)?.MemberUserIds.Contains(user.UserId) == true)
                ?? card.Spaces.FirstOrDefault();
        }
    }
}
