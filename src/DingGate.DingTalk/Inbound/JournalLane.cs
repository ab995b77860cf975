using System.Text.Json;
using DingGate.DingTalk.Stream.Frames;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// The lane of a push as the journal records it for replicas (<c>conversation:&lt;conversationId&gt;</c>, the key the
/// dispatcher's <see cref="ConversationLanes{T}"/> use): read from the payload at append, before the ACK, so another
/// replica sees at once that an earlier message of the conversation exists. Null for anything that is not a bot message
/// with a conversation id (those keep no order with others). Never throws.
/// </summary>
internal static class JournalLane
{
    public const string ConversationPrefix = "conversation:";

    public static string? Of(string topic, string payload)
    {
        if (topic != StreamHeaders.BotMessageTopic || string.IsNullOrEmpty(payload))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("conversationId", out var id)
                && id.ValueKind == JsonValueKind.String
                && id.GetString() is { Length: > 0 } value
                ? ConversationPrefix + value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
