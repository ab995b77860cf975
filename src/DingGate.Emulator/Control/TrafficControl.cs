using DingGate.Emulator.Conversations;
using DingGate.Emulator.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Control;

/// <summary>
/// Recorded traffic and conversations: <c>GET /_emulator/traffic/http?since=N</c>, <c>/traffic/frames?since=N</c>,
/// <c>DELETE /_emulator/traffic</c>, <c>GET /_emulator/conversations[/{id}]</c>, <c>GET /_emulator/stats</c>.
/// </summary>
internal static class TrafficControl
{
    public static void MapTrafficControl(this RouteGroupBuilder group)
    {
        group.MapGet("/traffic/http", (long? since, TrafficRecorder recorder) =>
            Results.Json(recorder.HttpCalls.Where(c => c.Sequence > (since ?? 0))));
        group.MapGet("/traffic/frames", (long? since, TrafficRecorder recorder) =>
            Results.Json(recorder.Frames.Where(f => f.Sequence > (since ?? 0)).Select(f => new
            {
                f.Sequence, f.At, f.ConnectionId, f.ClientId, direction = f.Direction.ToString().ToLowerInvariant(), f.Text,
            })));
        group.MapDelete("/traffic", (TrafficRecorder recorder) =>
        {
            recorder.Clear();
            return Results.NoContent();
        });
        group.MapGet("/conversations", (ConversationLog log) => Results.Json(log.All
            .GroupBy(e => e.ConversationId)
            .Select(g => new { conversationId = g.Key, conversationType = g.First().ConversationType, robotCode = g.First().RobotCode, messages = g.Count(), last = g.Max(e => e.At) })));
        // Real conversation ids may hold '/' and '+' (base64): a catch-all segment, unescaped, takes them raw or encoded.
        group.MapGet("/conversations/{*id}", (string id, long? since, ConversationLog log) =>
            Results.Json(log.For(Uri.UnescapeDataString(id)).Where(e => e.Sequence > (since ?? 0))));
        group.MapGet("/stats", (TrafficRecorder recorder, ConversationLog log) => Results.Json(new
        {
            httpCalls = recorder.HttpCalls.Count,
            frames = recorder.Frames.Count,
            callsByRoute = recorder.HttpCalls.GroupBy(c => c.Method + " " + c.Path).ToDictionary(g => g.Key, g => g.Count()),
            callsByStatus = recorder.StatusCounts.ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value),
            botMessages = log.SentByBot().Count,
        }));
    }
}
