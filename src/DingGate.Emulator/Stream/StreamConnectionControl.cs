using System.Text.Json.Nodes;
using DingGate.Emulator.Control;
using DingGate.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Stream;

/// <summary>
/// Control routes for sockets and tickets: <c>GET /_emulator/connections</c>, <c>POST /_emulator/connections/disconnect</c>
/// (<c>withoutMessageId</c>: the frame has no messageId header), <c>POST /_emulator/connections/drop</c>,
/// <c>POST /_emulator/connections/blackhole</c> (the network path goes dead: WebSocket PINGs unanswered, frames lost),
/// <c>POST /_emulator/connections/kill</c> (exactly one socket aborted: the named one, or the oldest live one of an app),
/// <c>POST /_emulator/tickets/expire</c>.
/// </summary>
internal static class StreamConnectionControl
{
    public static void MapStreamControl(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(ControlEndpoints.Prefix);
        group.MapGet("/connections", (StreamHub hub) => Results.Json(hub.Connections.Select(Describe)));
        group.MapPost("/connections/disconnect", DisconnectAsync);
        group.MapPost("/connections/drop", DropAsync);
        group.MapPost("/connections/kill", KillAsync);
        group.MapPost("/connections/blackhole", BlackholeAsync);
        group.MapPost("/tickets/expire", (StreamTicketStore tickets) => Results.Json(new { expired = tickets.ExpireAll() }));
        group.MapStreamPushControl();
    }

    public static object Describe(StreamConnection c) => new
    {
        id = c.Id, clientId = c.App.ClientId, state = c.State.ToString().ToLowerInvariant(),
        subscriptions = c.Ticket.Subscriptions.Select(s => new { type = s.Type, topic = s.Topic }),
        ua = c.Ticket.UserAgent, localIp = c.Ticket.LocalIp, extras = c.Ticket.Extras, acceptJson = c.Ticket.AcceptJson,
        openedAt = c.OpenedAt, missedPongs = c.KeepAlive?.MissedPongs ?? 0, lastPongAt = c.KeepAlive?.LastPongAt,
        disconnectReason = c.DisconnectReason, blackholed = c.Blackholed,
    };

    private static async Task<IResult> DisconnectAsync(HttpContext context, StreamHub hub)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted) ?? [];
        var targets = hub.Find(body.GetString("clientId"), body.GetString("connectionId"));
        var reason = body.GetString("reason");
        var withoutMessageId = body.GetBool("withoutMessageId") ?? false;
        var done = targets.Where(c => c.KeepAlive?.Disconnect(reason, withoutMessageId) == true).Select(c => c.Id).ToList();
        return Results.Json(new { disconnected = done });
    }

    private static async Task<IResult> DropAsync(HttpContext context, StreamHub hub)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted) ?? new JsonObject();
        var targets = hub.Find(body.GetString("clientId"), body.GetString("connectionId")).Where(c => c.State != StreamConnectionState.Closed).ToList();
        foreach (var connection in targets)
        {
            connection.Abort();
        }

        return Results.Json(new { dropped = targets.Select(c => c.Id) });
    }

    /// <summary>
    /// Aborts exactly one live socket, as a crashed process or a cut cable would: <c>connectionId</c> names it, or
    /// <c>clientId</c> alone picks the app's oldest live connection. Unlike <c>drop</c>, an empty body is refused.
    /// </summary>
    private static async Task<IResult> KillAsync(HttpContext context, StreamHub hub)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted) ?? new JsonObject();
        var connectionId = body.GetString("connectionId");
        var clientId = body.GetString("clientId");
        if (connectionId is null && clientId is null)
        {
            return ControlResults.BadRequest("connectionId or clientId is required: kill aborts exactly one connection");
        }

        var target = hub.Find(clientId, connectionId).Where(c => c.State != StreamConnectionState.Closed).MinBy(c => c.Sequence);
        if (target is null)
        {
            return ControlResults.NotFound(connectionId is null ? $"app '{clientId}' has no live connection" : $"no live connection '{connectionId}'");
        }

        target.Abort();
        return Results.Json(new { killed = target.Id, clientId = target.App.ClientId });
    }

    private static async Task<IResult> BlackholeAsync(HttpContext context, StreamHub hub)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted) ?? new JsonObject();
        var targets = hub.Find(body.GetString("clientId"), body.GetString("connectionId"))
            .Where(c => c.State != StreamConnectionState.Closed && c.Link is not null).ToList();
        foreach (var connection in targets)
        {
            connection.Link!.Blackhole();
        }

        return Results.Json(new { blackholed = targets.Select(c => c.Id) });
    }
}
