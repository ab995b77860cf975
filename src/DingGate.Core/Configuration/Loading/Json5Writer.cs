using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Writes a <see cref="JsonNode"/> as JSON5 for people to edit: two-space indent, identifier keys unquoted, strings in
/// double quotes, trailing commas, arrays of plain values on one line, a final newline. <see cref="Json5.Json5Reader"/>
/// reads it back to an equal tree.
/// </summary>
public static class Json5Writer
{
    private const string Indent = "  ";

    /// <summary>The JSON5 text of <paramref name="node"/>.</summary>
    public static string Write(JsonNode? node)
    {
        var text = new StringBuilder();
        WriteValue(text, node, 0);
        return text.Append('\n').ToString();
    }

    private static void WriteValue(StringBuilder text, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                WriteObject(text, obj, depth);
                break;
            case JsonArray array:
                WriteArray(text, array, depth);
                break;
            case JsonValue value:
                WriteScalar(text, value);
                break;
        }
    }

    private static void WriteObject(StringBuilder text, JsonObject obj, int depth)
    {
        if (obj.Count == 0)
        {
            text.Append("{}");
            return;
        }

        text.Append("{\n");
        foreach (var (key, value) in obj)
        {
            text.Insert(text.Length, Indent, depth + 1);
            if (IsIdentifier(key))
            {
                text.Append(key);
            }
            else
            {
                WriteString(text, key);
            }

            text.Append(": ");
            WriteValue(text, value, depth + 1);
            text.Append(",\n");
        }

        text.Insert(text.Length, Indent, depth).Append('}');
    }

    private static void WriteArray(StringBuilder text, JsonArray array, int depth)
    {
        if (array.All(item => item is null or JsonValue))
        {
            text.Append('[');
            for (var i = 0; i < array.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : ", ");
                WriteValue(text, array[i], depth);
            }

            text.Append(']');
            return;
        }

        text.Append("[\n");
        foreach (var item in array)
        {
            text.Insert(text.Length, Indent, depth + 1);
            WriteValue(text, item, depth + 1);
            text.Append(",\n");
        }

        text.Insert(text.Length, Indent, depth).Append(']');
    }

    private static void WriteScalar(StringBuilder text, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(text, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Number:
                text.Append(Number(value));
                break;
            default:
                text.Append("null");
                break;
        }
    }

    private static string Number(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.GetRawText();
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l.ToString(CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i.ToString(CultureInfo.InvariantCulture);
        }

        ConfigReader.TryNumber(value, out var d);
        return double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity"
            : d == 0 && double.IsNegative(d) ? "-0.0" : d.ToString("R", CultureInfo.InvariantCulture);
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                '\b' => text.Append("\\b"),
                '\f' => text.Append("\\f"),
                _ when c < ' ' || c is '\u2028' or '\u2029' or '\u007f' => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        text.Append('"');
    }

    // ASCII identifiers only (plus $ and _), never a reserved literal: always safe to leave unquoted.
    private static bool IsIdentifier(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] is '$' or '_')
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '$' or '_')
        && key is not ("true" or "false" or "null" or "Infinity" or "NaN");
}
