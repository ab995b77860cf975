using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DingGate.Emulator.Http;

/// <summary>JSON settings and lenient body reading shared by every emulator route.</summary>
internal static class EmulatorJson
{
    /// <summary>Compact output that keeps Chinese text readable, as DingTalk does.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>
    /// Reads the request body as a JSON object. Returns null when the body is absent, not JSON or not an object;
    /// routes answer that with their own error envelope.
    /// </summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } type || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return node as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a property as a string when it is a JSON string; null otherwise (wrong type or absent).</summary>
    public static string? GetString(this JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Reads a boolean property, accepting JSON booleans and the strings "true"/"false".</summary>
    public static bool? GetBool(this JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var node) || node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<bool>(out var b))
        {
            return b;
        }

        return value.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed) ? parsed : null;
    }
}
