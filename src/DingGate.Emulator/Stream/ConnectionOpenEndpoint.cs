using System.Text.Json.Nodes;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DingGate.Emulator.Stream;

/// <summary>
/// <c>POST /v1.0/gateway/connections/open</c> (spec §1.2): no token, JSON body, credentials and subscriptions checked,
/// answers <c>{endpoint, ticket}</c> — as XML when the request did not ask for JSON, like the real gateway.
/// </summary>
internal static class ConnectionOpenEndpoint
{
    public const string Path = "/v1.0/gateway/connections/open";

    public static async Task<IResult> OpenAsync(
        HttpContext context, AppRegistry apps, StreamTicketStore tickets, DingTalkResults results, IdGenerator ids, EmulatorAddress address, EmulatorOptions options)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return results.BadJson();
        }

        var app = apps.Authenticate(body.GetString("clientId"), body.GetString("clientSecret"));
        if (app is null)
        {
            return results.ApiError(StatusCodes.Status401Unauthorized, "authFailed", "鉴权失败");
        }

        context.Items[HttpItems.ClientId] = app.ClientId;
        var (subscriptions, error) = StreamSubscription.Parse(body["subscriptions"]);
        if (subscriptions is null)
        {
            return results.ApiError(StatusCodes.Status400BadRequest, "invalidParameter", error!);
        }

        if (!app.Published || !app.StreamMode)
        {
            var why = !app.Published ? "app is not published" : "bot message receiving mode is not Stream";
            return results.ApiError(StatusCodes.Status400BadRequest, "invalidParameter", why);
        }

        var now = options.TimeProvider.GetUtcNow();
        var acceptJson = AcceptsJson(context.Request);
        var ticket = new StreamTicket(
            ids.NewUuid(), app.ClientId, subscriptions, body.GetString("ua"), body.GetString("localIp"), Extras(body["extras"]), acceptJson,
            now, now + options.TicketLifetime);
        tickets.Add(ticket);
        var endpoint = address.StreamEndpoint();
        return acceptJson
            ? results.Ok(new JsonObject { ["endpoint"] = endpoint, ["ticket"] = ticket.Value })
            : new XmlResult($"<OpenConnectionResponse><endpoint>{endpoint}</endpoint><ticket>{ticket.Value}</ticket></OpenConnectionResponse>");
    }

    /// <summary>Only an explicit <c>application/json</c> (or <c>+json</c>) media range counts; no header means XML.</summary>
    private static bool AcceptsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) &&
        accepted.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
                          a.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static Dictionary<string, string> Extras(JsonNode? node) =>
        node is JsonObject obj
            ? obj.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value!.ToJsonString())
            : [];

    private sealed class XmlResult(string xml) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.Headers.Server = "DingTalk/1.0.0";
            httpContext.Response.ContentType = "application/xml;charset=utf-8";
            return httpContext.Response.WriteAsync(xml, httpContext.RequestAborted);
        }
    }
}
