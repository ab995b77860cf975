using System.Text.Json.Nodes;

namespace DingGate.Cli.Logs;

/// <summary>One line of a gateway JSONL log file, as read back (the raw line kept for <c>--json</c>).</summary>
internal sealed record LogEntry(DateTimeOffset? Timestamp, string Level, string Category, string Message, string? Account, string? Exception, string Raw)
{
    /// <summary>Reads one line; a line that is not a JSON object becomes an entry of level "?" carrying the text.</summary>
    public static LogEntry Parse(string line)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(line) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            json = null;
        }

        if (json is null)
        {
            return new LogEntry(null, "?", string.Empty, line, null, null, line);
        }

        return new LogEntry(
            DateTimeOffset.TryParse(Text(json, "ts"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var ts) ? ts : null,
            Text(json, "level") ?? "?",
            Text(json, "category") ?? string.Empty,
            Text(json, "message") ?? string.Empty,
            json["scopes"] is JsonObject scopes ? Text(scopes, "Account") : null,
            Text(json, "exception"),
            line);
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
