using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace DingGate.Emulator.Tokens;

/// <summary>
/// Token checks for protected routes. api host: header <c>x-acs-dingtalk-access-token</c>, error 400
/// InvalidAuthentication. oapi host: query <c>access_token</c>, error HTTP 200 errcode 40014 (spec §3.5, §8.2).
/// </summary>
internal sealed class TokenAuth(TokenStore tokens, AppRegistry apps, DingTalkResults results)
{
    public const string HeaderName = "x-acs-dingtalk-access-token";

    /// <summary>Authenticates a new-style call; returns the app or the error to answer with.</summary>
    public (EmulatedApp? App, IResult? Error) Api(HttpContext context, string? requiredPermission = null)
    {
        var clientId = tokens.Validate(context.Request.Headers[HeaderName].ToString());
        var app = apps.FindByClientId(clientId);
        if (app is null)
        {
            return (null, results.InvalidToken());
        }

        context.Items[HttpItems.ClientId] = app.ClientId;
        if (requiredPermission is not null && !app.Permissions.Contains(requiredPermission))
        {
            return (null, results.PermissionDenied());
        }

        return (app, null);
    }

    /// <summary>Authenticates a legacy (oapi) call by its <c>access_token</c> query parameter.</summary>
    public (EmulatedApp? App, IResult? Error) Legacy(HttpContext context)
    {
        string? token = context.Request.Query["access_token"];
        if (string.IsNullOrEmpty(token))
        {
            return (null, results.LegacyError(41001, "缺少access_token参数"));
        }

        var app = apps.FindByClientId(tokens.Validate(token));
        if (app is null)
        {
            return (null, results.LegacyError(40014, "不合法的access_token"));
        }

        context.Items[HttpItems.ClientId] = app.ClientId;
        return (app, null);
    }
}
