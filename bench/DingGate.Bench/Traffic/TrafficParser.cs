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

        return new WireFrame(record.GetProperty("at").GetDateTimeOffset(), pushed, id.GetString() ?? string.Empty);
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
        return new WireCall(
            record.GetProperty("at").GetDateTimeOffset(), record.GetProperty("method").GetString() + " " + path, status,
            record.TryGetProperty("clientId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
            session, staffId, Text("outTrackId"), Text("openMsgId") ?? Text("msgId"), throttled);
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
