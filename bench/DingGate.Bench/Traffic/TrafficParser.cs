using System.Text.Json;

namespace DingGate.Bench.Traffic;

/// <summary>Reads the control API's traffic records (<c>/_emulator/traffic/http</c> and <c>/frames</c>).</summary>
internal static class TrafficParser
{
    public static WireFrame? Frame(JsonElement record)
    {
        var pushed = record.GetProperty("direction").GetString() == "out";
        using var frame = ParseOrNull(record.GetProperty("text").GetString());
        if (frame is null || frame.RootElement.ValueKind != JsonValueKind.Object
            || !frame.RootElement.TryGetProperty("headers", out var headers) || headers.ValueKind != JsonValueKind.Object
            || !headers.TryGetProperty("messageId", out var id))
        {
            return null;
        }

        var type = frame.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (pushed && type != "CALLBACK")
        {
            return null;
        }

        var push = pushed ? Pushed(frame.RootElement, record) : null;
        return new WireFrame(record.GetProperty("at").GetDateTimeOffset(), pushed, id.GetString() ?? string.Empty, push);
    }

    public static WireCall Call(JsonElement record)
    {
        var path = record.GetProperty("path").GetString() ?? "/";
        var query = record.GetProperty("query").GetString() ?? string.Empty;
        var responseBody = record.GetProperty("responseBody").GetString() ?? string.Empty;
        using var body = ParseOrNull(record.GetProperty("requestBody").GetString());
        var root = body?.RootElement;
        string? Text(string name) => root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var space = Text("openSpaceId");
        var staffId = space is not null && space.Contains("IM_ROBOT.", StringComparison.Ordinal) ? space[(space.IndexOf("IM_ROBOT.", StringComparison.Ordinal) + 9)..] : null;
        if (staffId is null && root is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("userIds", out var ids) && ids.ValueKind == JsonValueKind.Array && ids.GetArrayLength() > 0)
        {
            staffId = ids[0].GetString();
        }

        var session = query.Contains("session=", StringComparison.Ordinal) ? query[(query.IndexOf("session=", StringComparison.Ordinal) + 8)..].Split('&')[0] : null;
        var status = record.GetProperty("status").GetInt32();
        var throttled = status == 429 || responseBody.Contains("QpsLimit", StringComparison.Ordinal) || responseBody.Contains("\"errcode\":90018", StringComparison.Ordinal);
        var accepted = status is >= 200 and < 300 && (!responseBody.Contains("\"errcode\"", StringComparison.Ordinal) || responseBody.Contains("\"errcode\":0", StringComparison.Ordinal));
        var flowStatus = root is { ValueKind: JsonValueKind.Object } r2 && r2.TryGetProperty("cardData", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("cardParamMap", out var map) && map.ValueKind == JsonValueKind.Object
            && map.TryGetProperty("flowStatus", out var fs) && fs.ValueKind == JsonValueKind.String ? fs.GetString() : null;
        var final = root is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("isFinalize", out var f) && f.ValueKind == JsonValueKind.True ? FinalKind.CardFinalize
            : Text("outTrackId") is not null && flowStatus is "3" or "5" ? FinalKind.CardFinished
            : body is not null && record.GetProperty("requestBody").GetString()!.Contains(Model.AnswerScript.EndMarker, StringComparison.Ordinal) ? FinalKind.EndMarker
            : FinalKind.None;
        return new WireCall(
            record.GetProperty("at").GetDateTimeOffset(), record.GetProperty("method").GetString() + " " + path, status,
            record.TryGetProperty("clientId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
            session, staffId, Text("outTrackId"), Text("openMsgId") ?? Text("msgId"), throttled)
        {
            Accepted = accepted, Final = final, FlowStatus = flowStatus,
        };
    }

    // The CALLBACK's data (a JSON string): msgId, session webhook, sender. Null when it is not a bot message.
    private static PushedMessage? Pushed(JsonElement frame, JsonElement record)
    {
        if (!frame.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        using var payload = ParseOrNull(data.GetString());
        if (payload is null || payload.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var root = payload.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (Text("msgId") is not { } msgId)
        {
            return null;
        }

        var webhook = Text("sessionWebhook");
        var session = webhook is not null && webhook.Contains("session=", StringComparison.Ordinal)
            ? webhook[(webhook.IndexOf("session=", StringComparison.Ordinal) + 8)..].Split('&')[0]
            : null;
        var clientId = record.TryGetProperty("clientId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return new PushedMessage(msgId, session, clientId, Text("senderStaffId"));
    }

    private static JsonDocument? ParseOrNull(string? text)
    {
        if (string.IsNullOrEmpty(text) || text[0] != '{')
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
