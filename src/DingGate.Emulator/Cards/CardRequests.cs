using System.Text.Json.Nodes;
using DingGate.Emulator.Http;
using DingGate.Emulator.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Emulator.Cards;

/// <summary>Shared steps of the card routes: token + permission, JSON body, and the card response shapes.</summary>
internal static class CardRequests
{
    public static async Task<(CardCall? Call, IResult? Error)> ReadAsync(HttpContext context, string permission)
    {
        var services = context.RequestServices;
        var (app, error) = services.GetRequiredService<TokenAuth>().Api(context, permission);
        if (error is not null)
        {
            return (null, error);
        }

        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        return body is null ? (null, services.GetRequiredService<DingTalkResults>().BadJson()) : (new CardCall(app!, body), null);
    }

    /// <summary>
    /// As <see cref="ReadAsync"/>, then the card named by <c>outTrackId</c>, owned by the caller's app:
    /// <c>param.outTrackIdEmpty</c> / <c>param.cardNotExist</c> otherwise.
    /// </summary>
    public static async Task<(CardCall? Call, CardInstance? Card, IResult? Error)> ReadForCardAsync(HttpContext context, string permission)
    {
        var (call, failure) = await ReadAsync(context, permission);
        if (failure is not null)
        {
            return (null, null, failure);
        }

        var services = context.RequestServices;
        var results = services.GetRequiredService<DingTalkResults>();
        var outTrackId = call!.Body.GetString("outTrackId");
        if (string.IsNullOrWhiteSpace(outTrackId))
        {
            return (null, null, results.Render(CardError.OutTrackIdEmpty()));
        }

        return services.GetRequiredService<CardStore>().FindOwned(outTrackId, call.App.ClientId) is { } card
            ? (call, card, null)
            : (null, null, results.Render(CardError.CardNotExist()));
    }

    public static IResult Render(this DingTalkResults results, CardError error) => results.ApiError(error.Status, error.Code, error.Message);

    /// <summary>The card APIs' success body: <c>{"success":true,"result":…}</c>.</summary>
    public static IResult Success(this DingTalkResults results, JsonNode result) =>
        results.Ok(new JsonObject { ["success"] = true, ["result"] = result });
}
