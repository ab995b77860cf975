using System.Text.Json.Nodes;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;
using DingGate.Emulator.Replies;
using DingGate.Emulator.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Control;

/// <summary>Apps, users and groups; token revocation and session expiry (spec §8.1).</summary>
internal static class FixtureControl
{
    public static void MapFixtureControl(this RouteGroupBuilder group)
    {
        group.MapGet("/apps", (AppRegistry apps) => Results.Json(apps.All.Select(Describe)));
        group.MapPost("/apps", AddAppAsync);
        group.MapGet("/users", (OrgDirectory org) => Results.Json(org.Users));
        group.MapPost("/users", AddUserAsync);
        group.MapGet("/groups", (OrgDirectory org) => Results.Json(org.Groups.Select(g => new
        {
            openConversationId = g.OpenConversationId, title = g.Title, members = g.MemberUserIds.Order(), robots = g.InstalledRobotCodes.Order(), disbanded = g.Disbanded,
        })));
        group.MapPost("/groups", AddGroupAsync);
        group.MapPost("/tokens/revoke", async (HttpContext context, TokenStore tokens) =>
        {
            var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
            return Results.Json(new { revoked = tokens.Revoke(body?.GetString("clientId")) });
        });
        group.MapPost("/sessions/expire", async (HttpContext context, SessionWebhookRegistry sessions) =>
        {
            var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
            return Results.Json(new { expired = sessions.Expire(body?.GetString("session")) });
        });
    }

    private static object Describe(EmulatedApp app) => new
    {
        clientId = app.ClientId, robotCode = app.RobotCode, name = app.Name, corpId = app.CorpId, appId = app.AppId,
        chatbotUserId = app.ChatbotUserId, published = app.Published, streamMode = app.StreamMode, permissions = app.Permissions.Order(),
    };

    private static async Task<IResult> AddAppAsync(HttpContext context, AppRegistry apps, OrgDirectory org)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        var clientId = body?.GetString("clientId");
        var secret = body?.GetString("clientSecret");
        if (body is null || string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(secret))
        {
            return ControlResults.BadRequest("JSON body with non-empty 'clientId' and 'clientSecret' is required.");
        }

        if (apps.FindByClientId(clientId) is not null)
        {
            return ControlResults.BadRequest($"An app with clientId '{clientId}' already exists.");
        }

        var options = new EmulatedAppOptions
        {
            ClientId = clientId, ClientSecret = secret, Name = body.GetString("name") ?? clientId, RobotCode = body.GetString("robotCode"),
            Published = body.GetBool("published") ?? true, StreamMode = body.GetBool("streamMode") ?? true,
        };
        if (body["permissions"] is JsonArray permissions)
        {
            options.Permissions.Clear();
            foreach (var p in permissions.Select(p => p?.GetValue<string>()).OfType<string>())
            {
                options.Permissions.Add(p);
            }
        }

        var app = apps.Add(options);
        foreach (var g in org.Groups)
        {
            g.InstalledRobotCodes.Add(app.RobotCode);
        }

        return Results.Json(Describe(app));
    }

    private static async Task<IResult> AddUserAsync(HttpContext context, OrgDirectory org)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        var userId = body?.GetString("userId");
        if (body is null || string.IsNullOrWhiteSpace(userId))
        {
            return ControlResults.BadRequest("JSON body with a non-empty 'userId' is required.");
        }

        return Results.Json(org.AddUser(
            userId, body.GetString("nick") ?? userId, body.GetBool("isAdmin") ?? false, body.GetBool("external") ?? false,
            blocksBots: body.GetBool("blocksBots") ?? false, flowControlled: body.GetBool("flowControlled") ?? false));
    }

    private static async Task<IResult> AddGroupAsync(HttpContext context, OrgDirectory org, AppRegistry apps)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        var id = body?.GetString("openConversationId");
        if (body is null || string.IsNullOrWhiteSpace(id) || !id.StartsWith("cid", StringComparison.Ordinal))
        {
            return ControlResults.BadRequest("JSON body with 'openConversationId' starting with 'cid' is required.");
        }

        var members = (body["members"] as JsonArray)?.Select(m => m?.GetValue<string>()).OfType<string>().ToList() ?? [];
        var unknown = members.Where(m => org.FindUser(m) is null).ToList();
        if (unknown.Count > 0)
        {
            return ControlResults.BadRequest("Unknown user ids in 'members': " + string.Join(", ", unknown));
        }

        var group = org.AddGroup(id, body.GetString("title") ?? id, members);
        var robots = (body["robots"] as JsonArray)?.Select(m => m?.GetValue<string>()).OfType<string>() ?? apps.All.Select(a => a.RobotCode);
        foreach (var robot in robots)
        {
            group.InstalledRobotCodes.Add(robot);
        }

        return Results.Json(new { openConversationId = group.OpenConversationId, title = group.Title });
    }
}
