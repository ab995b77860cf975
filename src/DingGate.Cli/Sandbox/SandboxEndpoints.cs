using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace DingGate.Cli.Sandbox;

/// <summary>
/// <c>/_sandbox/*</c> on the emulator's server (added through an <see cref="IStartupFilter"/>), which the control page
/// shows as its sandbox panel: <c>GET/PUT /_sandbox/settings</c> (reply mode and policies; a change restarts the
/// gateway), <c>GET /_sandbox/pairing</c> (pending codes), <c>POST /_sandbox/pairing/approve</c> <c>{"code"}</c>.
/// </summary>
internal sealed class SandboxEndpoints(SandboxGateway gateway, string modelDescription) : IStartupFilter
{
    private static readonly string[] SettingNames = ["messageType", "dmPolicy", "groupPolicy"];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            if (context.Request.Path.StartsWithSegments("/_sandbox", StringComparison.Ordinal, out var rest))
            {
                await HandleAsync(context, rest.Value ?? string.Empty);
                return;
            }

            await following(context);
        });
        next(app);
    };

    private async Task HandleAsync(HttpContext context, string path)
    {
        var method = context.Request.Method;
        var cancellationToken = context.RequestAborted;
        switch (path, method)
        {
            case ("/settings", "GET"):
                await WriteAsync(context, 200, SettingsJson());
                return;
            case ("/settings", "PUT"):
                await PutSettingsAsync(context, cancellationToken);
                return;
            case ("/pairing", "GET"):
                var pending = await gateway.PendingPairingsAsync(cancellationToken);
                await WriteAsync(context, 200, new JsonArray(pending.Select(p => (JsonNode)new JsonObject
                {
                    ["code"] = p.Code, ["userId"] = p.UserId, ["nick"] = p.Nick, ["expiresAt"] = p.ExpiresAt,
                }).ToArray()));
                return;
            case ("/pairing/approve", "POST"):
                var body = await ReadAsync(context);
                var code = body?["code"]?.GetValue<string>();
                var user = code is null ? null : await gateway.ApproveAsync(code, cancellationToken);
                await WriteAsync(context, user is null ? 404 : 200, user is null
                    ? new JsonObject { ["error"] = "unknown or expired pairing code" }
                    : new JsonObject { ["approved"] = user });
                return;
            default:
                await WriteAsync(context, 404, new JsonObject { ["error"] = $"no sandbox route {method} /_sandbox{path}" });
                return;
        }
    }

    private async Task PutSettingsAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (await ReadAsync(context) is not JsonObject body)
        {
            await WriteAsync(context, 400, new JsonObject { ["error"] = "the body must be a JSON object such as {\"messageType\":\"markdown\"}" });
            return;
        }

        if (body.Select(p => p.Key).FirstOrDefault(k => !SettingNames.Contains(k)) is { } unknown)
        {
            await WriteAsync(context, 400, new JsonObject { ["error"] = $"unknown setting '{unknown}' (allowed: {string.Join(", ", SettingNames)})" });
            return;
        }

        var current = gateway.Settings;
        SandboxSettings next;
        try
        {
            next = new SandboxSettings(
                body["messageType"]?.GetValue<string>() ?? current.MessageType,
                body["dmPolicy"]?.GetValue<string>() ?? current.DmPolicy,
                body["groupPolicy"]?.GetValue<string>() ?? current.GroupPolicy);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            await WriteAsync(context, 400, new JsonObject { ["error"] = "settings values must be strings" });
            return;
        }

        if (next.Validate() is { } problem)
        {
            await WriteAsync(context, 400, new JsonObject { ["error"] = problem });
            return;
        }

        await gateway.StartAsync(next, cancellationToken);
        await WriteAsync(context, 200, SettingsJson());
    }

    private JsonObject SettingsJson() => new()
    {
        ["messageType"] = gateway.Settings.MessageType, ["dmPolicy"] = gateway.Settings.DmPolicy, ["groupPolicy"] = gateway.Settings.GroupPolicy,
        ["model"] = modelDescription, ["running"] = gateway.Running,
    };

    private static async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
