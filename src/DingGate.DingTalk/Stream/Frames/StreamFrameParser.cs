using System.Text.Json;

namespace DingGate.DingTalk.Stream.Frames;

/// <summary>
/// Parses downstream text frames (spec §1.4). Tolerant: missing <c>specVersion</c>, headers or data, unknown fields and
/// non-string header values are accepted; anything that is not a JSON object with a string <c>type</c> is an error
/// result. Never throws, so the socket reader never dies on a bad frame.
/// </summary>
internal static class StreamFrameParser
{
    public static FrameParseResult Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return FrameParseResult.Fail("empty frame");
        }

        ServerFrameDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(text, StreamJsonContext.Default.ServerFrameDto);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException or InvalidOperationException)
        {
            return FrameParseResult.Fail("not a frame object: " + ex.GetType().Name);
        }

        if (dto is null)
        {
            return FrameParseResult.Fail("null frame");
        }

        if (string.IsNullOrEmpty(dto.Type))
        {
            return FrameParseResult.Fail("frame without type");
        }

        return FrameParseResult.Ok(new StreamFrame(dto.SpecVersion, dto.Type, Headers(dto.Headers), Data(dto.Data)));
    }

    private static Dictionary<string, string> Headers(Dictionary<string, JsonElement>? raw)
    {
        if (raw is null || raw.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var headers = new Dictionary<string, string>(raw.Count, StringComparer.Ordinal);
        foreach (var (name, value) in raw)
        {
            if (AsText(value) is { } text)
            {
                headers[name] = text;
            }
        }

        return headers;
    }

    private static string? Data(JsonElement? data) => data is { } element ? AsText(element) : null;

    // Strings as they are; numbers, booleans, objects as their JSON text; null as absent.
    private static string? AsText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.GetRawText(),
    };
}
