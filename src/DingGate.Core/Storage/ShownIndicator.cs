namespace DingGate.Core.Storage;

/// <summary>
/// A "thinking" reaction put (or about to be put) on a user's message, recorded so that a restart takes back every
/// one a crashed run left on screen.
/// </summary>
public sealed record ShownIndicator
{
    /// <summary>Account that showed it.</summary>
    public required string AccountId { get; init; }

    /// <summary>Journal key of the message it sits on.</summary>
    public required string MessageKey { get; init; }

    /// <summary>Conversation of that message (openConversationId).</summary>
    public required string ConversationId { get; init; }

    /// <summary>The message's msgId (openMsgId).</summary>
    public required string MessageId { get; init; }

    /// <summary>The reaction's name (emotionName, also its text).</summary>
    public required string EmotionName { get; init; }

    /// <summary>The text emotion's id.</summary>
    public required string EmotionId { get; init; }

    /// <summary>The text emotion's background id.</summary>
    public required string BackgroundId { get; init; }

    /// <summary>When it was recorded.</summary>
    public required DateTimeOffset ShownAt { get; init; }
}
