using System.Text.Json;
using System.Text.Json.Nodes;

namespace DingGate.Emulator.Stream;

/// <summary>
/// An upstream frame that looks like a response (spec §1.5): <c>headers.messageId</c> present. <c>code</c> may be a
/// number or a numeric string; <c>data</c> is kept as the raw string (or the JSON text when a client sent an object).
/// </summary>
internal sealed record ClientFrame(string MessageId, int Code, string? Message, string? Data)
{
    /// <summary>Parses a text frame; null when it is not JSON or has no <c>headers.messageId</c> (tolerated, only recorded).</summary>
    public static ClientFrame? TryParse(string text)
    {
        JsonObject? obj;
        try
        {
            obj = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (obj?["headers"] is not JsonObject headers || AsString(headers["messageId"]) is not { Length: > 0 } messageId)
        {
            return null;
        }

        var code = obj["code"] is JsonValue c && (c.TryGetValue<int>(out var n) || (AsString(c) is { } s && int.TryParse(s, out n))) ? n : 0;
        var data = obj["data"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var str) => str,
            var other => other.ToJsonString(),
        };
        return new ClientFrame(messageId, code, AsString(obj["message"]), data);
    }

    /// <summary>A string property of the decoded <see cref="Data"/> (e.g. <c>status</c>, <c>opaque</c>); null when absent.</summary>
    public string? DataProperty(string name)
    {
        if (string.IsNullOrEmpty(Data))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Data) is JsonObject obj ? AsString(obj[name]) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}
