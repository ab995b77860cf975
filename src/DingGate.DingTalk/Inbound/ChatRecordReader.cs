using System.Text;
using System.Text.Json;
using DingGate.DingTalk.Inbound.Models;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Renders a forwarded chat history (<c>chatRecord</c>, spec §2.3) as a header line plus one "nick: text" line per
/// record. The records come as a JSON string holding an array (observed) or as the array itself; when they cannot be
/// read the platform's <c>summary</c> is used.
/// </summary>
internal static class ChatRecordReader
{
    public static string Render(MessageContentDto? content)
    {
        var header = string.IsNullOrWhiteSpace(content?.Title) ? InboundPlaceholders.ChatRecord : $"[chat record: {content.Title.Trim()}]";
        var lines = ReadLines(content?.ChatRecord);
        var body = lines.Count > 0 ? string.Join('\n', lines) : content?.Summary?.Trim();
        return string.IsNullOrEmpty(body) ? header : header + "\n" + body;
    }

    private static List<string> ReadLines(JsonElement? records)
    {
        if (records is not { } element)
        {
            return [];
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var document = JsonDocument.Parse(element.GetString() ?? string.Empty);
                return Lines(document.RootElement);
            }
            catch (JsonException)
            {
                return [];
            }
        }

        return Lines(element);
    }

    private static List<string> Lines(JsonElement array)
    {
        var lines = new List<string>();
        if (array.ValueKind != JsonValueKind.Array)
        {
            return lines;
        }

        foreach (var record in array.EnumerateArray())
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var nick = String(record, "senderNick") ?? String(record, "senderName") ?? "?";
            var text = String(record, "content") ?? String(record, "text") ?? Nested(record, "content") ?? Nested(record, "text")
                ?? (String(record, "msgType") is { } type ? $"[{type}]" : InboundPlaceholders.Unsupported);
            lines.Add(new StringBuilder(nick).Append(": ").Append(text.Trim()).ToString());
        }

        return lines;
    }

    private static string? String(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Some records nest the body ({"content":{"content":"…"}} or {"text":{"content":"…"}}).
    private static string? Nested(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? String(value, "content") ?? String(value, "text")
            : null;
}
