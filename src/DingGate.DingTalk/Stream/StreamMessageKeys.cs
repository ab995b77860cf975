using System.Text;
using System.Text.Json;
using DingGate.DingTalk.Stream.Frames;

namespace DingGate.DingTalk.Stream;

/// <summary>
/// The journal/dedup key of a push (spec §1.10, §2.5): bot messages by <c>data.msgId</c>, events by
/// <c>headers.eventId</c> (redeliveries keep it), anything else by <c>headers.messageId</c>; null when the frame has
/// none of them.
/// </summary>
internal static class StreamMessageKeys
{
    private static readonly byte[] MsgId = Encoding.UTF8.GetBytes("msgId");

    public static string? For(StreamFrame frame, string? messageId)
    {
        if (frame.Topic == StreamHeaders.BotMessageTopic && TopLevelString(frame.Data, MsgId) is { Length: > 0 } msgId)
        {
            return msgId;
        }

        if (frame.Type == StreamHeaders.TypeEvent && frame.Header(StreamHeaders.EventId) is { Length: > 0 } eventId)
        {
            return "event:" + eventId;
        }

        return messageId;
    }

    // A string property of the top-level object, without materialising the payload; null when absent or not JSON.
    private static string? TopLevelString(string? json, byte[] name)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(name);
                reader.Read();
                if (match && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall back to the frame's messageId.
        }

        return null;
    }
}
