using System.Text.Json.Nodes;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Tokens;

/// <summary>Token routes: new-style <c>POST /v1.0/oauth2/accessToken</c> and legacy <c>GET /gettoken</c> (spec §3).</summary>
internal static class TokenEndpoints
{
    public static void MapTokenEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1.0/oauth2/accessToken", IssueAsync);
        routes.MapGet("/gettoken", IssueLegacy);
    }

    private static async Task<IResult> IssueAsync(HttpContext context, AppRegistry apps, TokenStore tokens, DingTalkResults results)
    {
        // JSON body only: a form body is rejected (spec §3.1).
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return results.BadJson();
        }

        var app = apps.Authenticate(body.GetString("appKey"), body.GetString("appSecret"));
        if (app is null)
        {
            return results.ApiError(StatusCodes.Status400BadRequest, "invalidClientIdOrSecret", "无效的clientId或者clientSecret");
        }

        context.Items[HttpItems.ClientId] = app.ClientId;
        var token = tokens.Issue(app);
        return results.Ok(new JsonObject { ["accessToken"] = token.Value, ["expireIn"] = Seconds(context, token) });
    }

    private static IResult IssueLegacy(HttpContext context, AppRegistry apps, TokenStore tokens, DingTalkResults results)
    {
        var app = apps.Authenticate(context.Request.Query["appkey"], context.Request.Query["appsecret"]);
        if (app is null)
        {
            return results.LegacyError(40089, "不合法的corpId或corpSecret");
        }

        context.Items[HttpItems.ClientId] = app.ClientId;
        var token = tokens.Issue(app);
        return results.Legacy(new JsonObject
        {
            ["errcode"] = 0, ["access_token"] = token.Value, ["errmsg"] = "ok", ["expires_in"] = Seconds(context, token),
        });
    }

    private static long Seconds(HttpContext context, IssuedToken token)
    {
        var options = context.RequestServices.GetOptions();
        return (long)Math.Round((token.ExpiresAt - options.TimeProvider.GetUtcNow()).TotalSeconds);
    }
}
