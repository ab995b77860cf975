using DingGate.Emulator.Faults;
using DingGate.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Control;

/// <summary>
/// <c>/_emulator/faults</c>: add, list and clear route faults (5xx, every documented throttle envelope, 429, quota,
/// latency, reset) and the stream switches (<c>ignoreAcks</c>, <c>suppressPings</c>).
/// </summary>
internal static class FaultControl
{
    public static void MapFaultControl(this RouteGroupBuilder group)
    {
        group.MapGet("/faults", (FaultSwitches faults) => Results.Json(new
        {
            routes = faults.RouteFaults.Select(Describe), ignoreAcks = faults.IgnoreAcks, suppressPings = faults.SuppressPings,
        }));
        group.MapPost("/faults", AddAsync);
        group.MapDelete("/faults", (FaultSwitches faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        group.MapDelete("/faults/{id}", (string id, FaultSwitches faults) =>
            faults.Remove(id) ? Results.NoContent() : ControlResults.NotFound($"No fault with id '{id}'."));
        group.MapPut("/faults/stream", async (HttpContext context, FaultSwitches faults) =>
        {
            var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
            if (body is null)
            {
                return ControlResults.BadRequest("JSON body with 'ignoreAcks' and/or 'suppressPings' booleans is required.");
            }

            faults.IgnoreAcks = body.GetBool("ignoreAcks") ?? faults.IgnoreAcks;
            faults.SuppressPings = body.GetBool("suppressPings") ?? faults.SuppressPings;
            return Results.Json(new { ignoreAcks = faults.IgnoreAcks, suppressPings = faults.SuppressPings });
        });
    }

    private static object Describe(RouteFault f) => new
    {
        id = f.Id, path = f.PathPrefix, method = f.Method, kind = f.Kind.ToString(), status = f.Status,
        delayMs = (long)f.Delay.TotalMilliseconds, remaining = f.Remaining, errcode = f.ErrCode,
    };

    // LegacyThrottle takes one of the documented throttle errcodes and only exists on the oapi host; no other kind takes one.
    private static string? ErrCodeProblem(FaultKind kind, string path, int? errCode) => kind switch
    {
        FaultKind.LegacyThrottle when errCode is not { } code || !ThrottleEnvelopes.LegacyMessages.ContainsKey(code) =>
            $"'errcode' must be one of {string.Join(", ", ThrottleEnvelopes.LegacyMessages.Keys.Order())} for kind LegacyThrottle.",
        FaultKind.LegacyThrottle when RouteFault.IsApiHostPath(path) =>
            "LegacyThrottle answers with an oapi errcode: give an oapi route (not /v1.0/…) or '*'.",
        not FaultKind.LegacyThrottle when errCode is not null => "'errcode' is only taken by kind LegacyThrottle.",
        _ => null,
    };

    private static async Task<IResult> AddAsync(HttpContext context, FaultSwitches faults)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        var path = body?.GetString("path");
        if (body is null || string.IsNullOrWhiteSpace(path) || (path != "*" && !path.StartsWith('/')))
        {
            return ControlResults.BadRequest("JSON body with 'path' (a route prefix such as '/v1.0/card/streaming', or '*') is required.");
        }

        var kindText = body.GetString("kind") ?? nameof(FaultKind.Status);
        if (!Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            return ControlResults.BadRequest($"'kind' must be one of {string.Join(", ", Enum.GetNames<FaultKind>())}.");
        }

        var status = body["status"]?.GetValue<int>() ?? 503;
        if (kind == FaultKind.Status && (status < 400 || status > 599))
        {
            return ControlResults.BadRequest("'status' must be an HTTP error status between 400 and 599.");
        }

        var delayMs = body["delayMs"]?.GetValue<long>() ?? 0;
        var count = body["count"]?.GetValue<int>();
        if (delayMs < 0 || count is <= 0)
        {
            return ControlResults.BadRequest("'delayMs' must be >= 0 and 'count' > 0 when given.");
        }

        var errCode = body["errcode"]?.GetValue<int>();
        if (ErrCodeProblem(kind, path, errCode) is { } problem)
        {
            return ControlResults.BadRequest(problem);
        }

        var fault = faults.Add(path, kind, status, TimeSpan.FromMilliseconds(delayMs), count, body.GetString("method"), errCode);
        return Results.Json(Describe(fault));
    }
}
