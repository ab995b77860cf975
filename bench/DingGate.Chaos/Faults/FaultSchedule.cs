using System.Globalization;
using System.Text.Json.Nodes;
using DingGate.Chaos.Rig;

namespace DingGate.Chaos.Faults;

/// <summary>
/// The fault schedule of a run, as shares of the burst: socket drop, disconnect and blackhole of the Stream link; a 5xx on
/// every route the gateway uses, in turn, twice each (so the first retry fails too); webhook and OpenAPI failing together;
/// QPS 403s; token revocation; webhook expiry; ignored ACKs (redelivery); and the kills, evenly spread. Every kind fires
/// at least once whatever the message count.
/// </summary>
internal static class FaultSchedule
{
    /// <summary>Every route DingGate calls (api and oapi hosts), with the method when the prefix is shared.</summary>
    public static readonly IReadOnlyList<(string Path, string? Method)> Routes =
    [
        ("/v1.0/oauth2/accessToken", null), ("/v1.0/gateway/connections/open", null), ("/robot/sendBySession", null),
        ("/v1.0/robot/oToMessages/batchSend", null), ("/v1.0/robot/groupMessages/send", null),
        ("/v1.0/robot/emotion/reply", null), ("/v1.0/robot/emotion/recall", null),
        ("/v1.0/card/instances/createAndDeliver", null), ("/v1.0/card/streaming", "PUT"), ("/v1.0/card/instances", "PUT"),
    ];

    private static readonly int[] Statuses = [503, 500, 502, 504];

    public static IReadOnlyList<ScheduledFault> Build(int kills)
    {
        List<ScheduledFault> steps =
        [
            Control(0.05, FaultKind.SocketDrop, "drop the Stream socket", (e, ct) => e.DropConnectionsAsync(ct)),
            Control(0.55, FaultKind.SocketDrop, "drop the Stream socket", (e, ct) => e.DropConnectionsAsync(ct)),
            Control(0.72, FaultKind.Disconnect, "SYSTEM disconnect", (e, ct) => e.DisconnectAsync(ct)),
            Control(0.93, FaultKind.Blackhole, "blackhole the Stream link", (e, ct) => e.BlackholeAsync(ct)),
            Route(0.20, FaultKind.QpsThrottle, "*", null, "QpsLimit", 6),
            Route(0.50, FaultKind.QpsThrottle, "/robot/sendBySession", null, "QpsLimit", 3),
            Route(0.85, FaultKind.QpsThrottle, "/v1.0/card/streaming", "PUT", "QpmLimit", 3),
            Control(0.27, FaultKind.TokenRevocation, "revoke every access token", (e, ct) => e.RevokeTokensAsync(ct)),
            Control(0.77, FaultKind.TokenRevocation, "revoke every access token", (e, ct) => e.RevokeTokensAsync(ct)),
            Control(0.40, FaultKind.WebhookExpiry, "expire every session webhook", (e, ct) => e.ExpireSessionWebhooksAsync(ct)),
            Control(0.88, FaultKind.WebhookExpiry, "expire every session webhook", (e, ct) => e.ExpireSessionWebhooksAsync(ct)),
            Control(0.45, FaultKind.DelayedAck, "ignore ACKs (redelivery after the window)", (e, ct) => e.SetIgnoreAcksAsync(true, ct)),
            Control(0.52, FaultKind.DelayedAck, "take ACKs again", (e, ct) => e.SetIgnoreAcksAsync(false, ct)),
        ];
        for (var i = 0; i < Routes.Count; i++)
        {
            var (path, method) = Routes[i];
            var status = Statuses[i % Statuses.Length];
            steps.Add(Route(0.08 + (0.54 * i / Routes.Count), FaultKind.ServerError, path, method, "Status", 2, status));
        }

        steps.Add(Route(0.68, FaultKind.DoubleServerError, "/robot/sendBySession", null, "Status", 2, 503));
        steps.Add(Route(0.68, FaultKind.DoubleServerError, "/v1.0/robot/oToMessages/batchSend", null, "Status", 2, 503));
        steps.Add(Route(0.68, FaultKind.DoubleServerError, "/v1.0/robot/groupMessages/send", null, "Status", 2, 503));
        for (var k = 1; k <= kills; k++)
        {
            steps.Add(new ScheduledFault((double)k / (kills + 1), FaultKind.Kill, $"kill -9 #{k}, then restart", null));
        }

        return [.. steps.OrderBy(s => s.At)];
    }

    private static ScheduledFault Control(double at, FaultKind kind, string description, Func<EmulatorControl, CancellationToken, Task> apply) =>
        new(at, kind, description, async (e, ct) =>
        {
            await apply(e, ct);
            return [];
        });

    private static ScheduledFault Route(double at, FaultKind kind, string path, string? method, string faultKind, int count, int? status = null)
    {
        var description = $"{faultKind}{(status is null ? string.Empty : " " + status.Value.ToString(CultureInfo.InvariantCulture))} ×{count} on {method ?? "any"} {path}";
        return new ScheduledFault(at, kind, description, async (e, ct) =>
        {
            var body = new JsonObject { ["path"] = path, ["kind"] = faultKind, ["count"] = count };
            if (status is not null)
            {
                body["status"] = status.Value;
            }

            if (method is not null)
            {
                body["method"] = method;
            }

            var added = await e.AddFaultAsync(body, ct);
            return added?["id"]?.GetValue<string>() is { } id ? [id] : [];
        }, count);
    }
}
