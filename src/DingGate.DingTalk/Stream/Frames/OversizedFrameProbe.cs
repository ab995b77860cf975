using System.Text.Json;

namespace DingGate.DingTalk.Stream.Frames;

/// <summary>
/// Reads what it can of a frame that was too large to keep whole: from the kept prefix (the first bytes, up to the
/// client's frame limit), the top-level <c>type</c> and the string <c>headers</c> (messageId, topic, eventId), which every
/// sender writes before the large <c>data</c> string (spec §1.4 frame layout). Stops at the first incomplete token; never
/// throws for bad input.
/// </summary>
internal static class OversizedFrameProbe
{
    public static OversizedFrame Read(ReadOnlySpan<byte> prefix)
    {
        string? type = null;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(prefix, isFinalBlock: false, state: default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new OversizedFrame(null, headers);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read())
                {
                    break;
                }

                if (name == "type" && reader.TokenType == JsonTokenType.String)
                {
                    type = reader.GetString();
                }
                else if (name == "headers" && reader.TokenType == JsonTokenType.StartObject)
                {
                    if (!ReadHeaders(ref reader, headers))
                    {
                        break;
                    }
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (or broken): whatever was read so far.
        }

        return new OversizedFrame(type, headers);
    }

    // False when the prefix ends inside the headers object.
    private static bool ReadHeaders(ref Utf8JsonReader reader, Dictionary<string, string> headers)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            var name = reader.GetString()!;
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                headers[name] = reader.GetString()!;
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
            {
                return false;
            }
        }

        return false;
    }
}
