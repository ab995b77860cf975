using System.Text.Json.Nodes;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace DingGate.Emulator.Cards;

/// <summary>
/// <c>PUT /v1.0/card/instances</c> (spec §6.3): without <c>cardUpdateOptions</c> (or with …ByKey false) the public map
/// and each given user's private map are replaced; with …ByKey true only the given keys change. A changed
/// <c>flowStatus</c> moves the card state: for the built-in AI card (<see cref="CardLifecycle.FlowStatus"/>) this is
/// the only way out of PROCESSING/INPUTING (SDK-py <c>AICardReplier.finish/fail</c>, DingTalk's connector
/// <c>finishAICard</c>). Allowed on cards finalized by streaming: clients set flowStatus "3" right after.
/// </summary>
internal static class CardUpdateHandler
{
    public static async Task<IResult> UpdateAsync(HttpContext context, CardStore store, OrgDirectory org, EmulatorOptions options, DingTalkResults results)
    {
        var (call, card, failure) = await CardRequests.ReadForCardAsync(context, AppPermissions.CardInstanceWrite);
        if (failure is not null)
        {
            return failure;
        }

        var (app, body) = call!;

        Dictionary<string, Dictionary<string, string>>? privateData = null;
        var error = CardParamMaps.Read(body["cardData"], "cardData", out var publicData);
        error ??= CardParamMaps.ReadPrivate(body["privateData"], out privateData);
        if (error is not null)
        {
            return results.Render(error);
        }

        if ((publicData is null || publicData.Count == 0) && (privateData is null || privateData.Count == 0))
        {
            return results.Render(new CardError("param.cardDataAndPrivateDataBothEmpty", "cardData和privateData不能同时为空"));
        }

        var userIdType = card!.UserIdType;
        if (body["userIdType"] is not null && CardCreateParser.ReadUserIdType(body, out userIdType) is { } typeError)
        {
            return results.Render(typeError);
        }

        if (privateData?.Keys.FirstOrDefault(u => CardUsers.Find(org, u, userIdType) is null) is { } unknownUser)
        {
            return results.Render(CardError.UserIdNotExist(unknownUser));
        }

        var updateOptions = body["cardUpdateOptions"] as JsonObject;
        lock (card.Gate)
        {
            card.ApplyData(
                publicData, updateOptions?.GetBool("updateCardDataByKey") ?? false,
                privateData, updateOptions?.GetBool("updatePrivateDataByKey") ?? false);
            card.History.Add(new CardUpdate(card.History.Count + 1, options.TimeProvider.GetUtcNow(), "instances", Data: body.DeepClone(), State: card.State));
        }

        return results.Success(JsonValue.Create(true));
    }
}
