using DingGate.Emulator.Faults;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;
using DingGate.Emulator.Recording;
using Microsoft.AspNetCore.Http;

namespace DingGate.Emulator.Stream;

/// <summary>
/// <c>GET /connect?ticket=…</c> (spec §1.3): the ticket is redeemed before the upgrade; an unknown, used or expired
/// ticket (or a plain HTTP request) gets HTTP 400 with a small JSON body and no upgrade.
/// </summary>
internal static class StreamSocketEndpoint
{
    public const string Path = "/connect";

    public static async Task ConnectAsync(
        HttpContext context, StreamTicketStore tickets, StreamHub hub, AppRegistry apps, IdGenerator ids, EmulatorOptions options, FaultSwitches faults,
        TrafficRecorder recorder, DingTalkResults results)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await results.ApiError(StatusCodes.Status400BadRequest, "invalidRequest", "websocket upgrade required").ExecuteAsync(context);
            return;
        }

        var ticket = tickets.Redeem(context.Request.Query["ticket"]);
        var app = apps.FindByClientId(ticket?.ClientId);
        if (ticket is null || app is null)
        {
            await results.ApiError(StatusCodes.Status400BadRequest, "invalidTicket", "ticket is invalid or expired").ExecuteAsync(context);
            return;
        }

        context.Items[HttpItems.ClientId] = app.ClientId;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new StreamConnection(ids.NewUuid(), hub.NextSequence(), app, ticket, socket, options.TimeProvider.GetUtcNow());
        using var keepAlive = new ConnectionKeepAlive(connection, options, faults, ids);
        connection.KeepAlive = keepAlive;
        connection.AbortTransport = context.Abort;
        connection.Link = (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpUpgradeFeature>() as LinkStreamUpgradeFeature)?.Link;
        hub.Register(connection);
        try
        {
            keepAlive.Start();
            await new StreamSocketSession(connection, hub, recorder).RunAsync(context.RequestAborted);
        }
        finally
        {
            connection.AbortTransport = null;
            connection.MarkClosed();
            hub.Unregister(connection);
        }
    }
}
