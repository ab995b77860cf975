using System.Text.Json.Nodes;
using DingGate.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Cards;

/// <summary>
/// <c>POST /v1.0/card/instances/createAndDeliver</c>, the split pair <c>POST /v1.0/card/instances</c> +
/// <c>POST /v1.0/card/instances/deliver</c> (spec §6.1) and <c>PUT /v1.0/card/instances</c> (§6.3).
/// </summary>
internal static class CardInstanceEndpoints
{
    public static void MapCardInstanceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1.0/card/instances/createAndDeliver", CreateAndDeliverAsync);
        routes.MapPost("/v1.0/card/instances", CreateAsync);
        routes.MapPost("/v1.0/card/instances/deliver", DeliverAsync);
        routes.MapPut("/v1.0/card/instances", CardUpdateHandler.UpdateAsync);
    }

    private static async Task<IResult> CreateAndDeliverAsync(
        HttpContext context, CardStore store, CardCreateParser parser, CardDeliverer deliverer, CardSwitches switches, DingTalkResults results)
    {
        var (call, failure) = await CardRequests.ReadAsync(context, AppPermissions.CardInstanceWrite);
        if (failure is not null)
        {
            return failure;
        }

        var (app, body) = call!;

        var error = parser.Parse(body, app, out var card);
        IReadOnlyList<OpenSpace> spaces = [];
        error ??= CardSpaceParser.Parse(body, app, switches, out spaces);
        if (error is not null)
        {
            return results.Render(error);
        }

        if (!store.TryAdd(card!))
        {
            return results.Render(new CardError("param.cardAlreadyExist", $"卡片已存在: {card!.OutTrackId}"));
        }

        var delivered = deliverer.Deliver(card!, spaces, card!.UserIdType);
        return results.Success(new JsonObject { ["outTrackId"] = card.OutTrackId, ["deliverResults"] = delivered });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, CardStore store, CardCreateParser parser, DingTalkResults results)
    {
        var (call, failure) = await CardRequests.ReadAsync(context, AppPermissions.CardInstanceWrite);
        if (failure is not null)
        {
            return failure;
        }

        var (app, body) = call!;

        var error = parser.Parse(body, app, out var card);
        if (error is null && !store.TryAdd(card!))
        {
            error = new CardError("param.cardAlreadyExist", $"卡片已存在: {card!.OutTrackId}");
        }

        // AliGo's CreateCardResponseBody.result is a plain string; the emulator answers the outTrackId.
        return error is not null ? results.Render(error) : results.Success(JsonValue.Create(card!.OutTrackId));
    }

    private static async Task<IResult> DeliverAsync(
        HttpContext context, CardStore store, CardDeliverer deliverer, CardSwitches switches, DingTalkResults results)
    {
        var (call, card, failure) = await CardRequests.ReadForCardAsync(context, AppPermissions.CardInstanceWrite);
        if (failure is not null)
        {
            return failure;
        }

        var (app, body) = call!;

        var userIdType = card!.UserIdType;
        var error = CardSpaceParser.Parse(body, app, switches, out var spaces);
        if (error is null && body["userIdType"] is not null)
        {
            error = CardCreateParser.ReadUserIdType(body, out userIdType);
        }

        if (error is not null)
        {
            return results.Render(error);
        }

        return results.Success(deliverer.Deliver(card, spaces, userIdType));
    }
}
