using System.Text.Json.Nodes;
using DingGate.Emulator.Control;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Stream;

/// <summary>
/// Control routes for pushes: <c>POST /_emulator/events</c>, <c>POST /_emulator/stream/push</c>,
/// <c>GET /_emulator/pushes</c>, <c>GET /_emulator/events/failed</c>.
/// </summary>
internal static class StreamPushControl
{
    public const string CardCallbackTopic = "/v1.0/card/instances/callback";

    public static void MapStreamPushControl(this RouteGroupBuilder group)
    {
        group.MapPost("/events", PushEventAsync);
        group.MapPost("/stream/push", PushRawAsync);
        group.MapGet("/pushes", (StreamHub hub) => Results.Json(hub.Pushes.Select(Describe)));
        group.MapGet("/events/failed", (StreamHub hub) => Results.Json(hub.FailedEvents.Select(f => new
        {
            messageId = f.MessageId, eventId = f.EventId, eventType = f.EventType, clientId = f.ClientId, attempts = f.Attempts,
            lastAck = f.LastAck is null ? null : DescribeAck(f.LastAck), failedAt = f.FailedAt,
        })));
    }

    private static object Describe(StreamPush p)
    {
        var acks = p.Acks;
        var last = acks.Count > 0 ? acks[^1] : null;
        return new
        {
            messageId = p.MessageId, clientId = p.Definition.ClientId, kind = p.Definition.Kind.ToString(), type = p.Definition.Type,
            topic = p.Definition.Topic, attempts = p.Attempts, connectionIds = p.ConnectionIds, state = p.State.ToString().ToLowerInvariant(),
            ack = last is null ? null : DescribeAck(last), acks = acks.Count, eventId = p.Definition.Header("eventId"), createdAt = p.Definition.CreatedAt,
        };
    }

    private static object DescribeAck(PushAck a) => new
    {
        code = a.Code, message = a.Message, status = new ClientFrame(string.Empty, a.Code, a.Message, a.Data).DataProperty("status"),
        data = a.Data, at = a.At, latencyMs = (long)a.Latency.TotalMilliseconds,
    };

    private static async Task<IResult> PushEventAsync(HttpContext context, StreamHub hub, AppRegistry apps)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        var app = apps.FindByClientId(body?.GetString("clientId"));
        var eventType = body?.GetString("eventType");
        if (body is null || app is null || string.IsNullOrWhiteSpace(eventType) || body["data"] is not (null or JsonObject))
        {
            return ControlResults.BadRequest("JSON body with a known 'clientId', a non-empty 'eventType' and an optional 'data' object is required.");
        }

        var headers = new Dictionary<string, string> { ["eventType"] = eventType };
        if (body.GetString("eventCorpId") is { } corpId)
        {
            headers["eventCorpId"] = corpId;
        }

        var data = (body["data"] ?? new JsonObject()).ToJsonString(EmulatorJson.Options);
        return PushOrReject(hub, app.ClientId, new StreamPushRequest(StreamPushKind.Event, "*", data, headers));
    }

    private static async Task<IResult> PushRawAsync(HttpContext context, StreamHub hub, AppRegistry apps)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        var app = apps.FindByClientId(body?.GetString("clientId"));
        var type = body?.GetString("type");
        var topic = body?.GetString("topic");
        if (body is null || app is null || type is not ("CALLBACK" or "EVENT") || string.IsNullOrWhiteSpace(topic) || body["data"] is not JsonObject data)
        {
            return ControlResults.BadRequest("JSON body with a known 'clientId', 'type' (CALLBACK or EVENT), 'topic' and a 'data' object is required.");
        }

        var kind = type == "EVENT" ? StreamPushKind.Event : topic == CardCallbackTopic ? StreamPushKind.CardCallback : StreamPushKind.BotMessage;
        return PushOrReject(hub, app.ClientId, new StreamPushRequest(kind, topic, data.ToJsonString(EmulatorJson.Options)));
    }

    /// <summary>Pushes and answers <c>{messageId, eventId, delivered, connectionId}</c>; an oversized frame is a 400.</summary>
    private static IResult PushOrReject(StreamHub hub, string clientId, StreamPushRequest request)
    {
        try
        {
            var handle = hub.Push(clientId, request);
            return Results.Json(new { messageId = handle.MessageId, eventId = handle.EventId, delivered = handle.Delivered, connectionId = handle.ConnectionId });
        }
        catch (InvalidOperationException ex)
        {
            return ControlResults.BadRequest(ex.Message);
        }
    }
}
