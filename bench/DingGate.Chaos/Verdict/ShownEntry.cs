namespace DingGate.Chaos.Verdict;

/// <summary>
/// One bot entry of a conversation as the user sees it, in the conversation's order (the emulator's sequence): a
/// message (markdown, text …) with its content, or a card by its outTrackId (its text is the card's, read from
/// <see cref="ChaosRecord.Cards"/>). Emotion reactions are not listed.
/// </summary>
internal sealed record ShownEntry(string ConversationId, long Sequence, DateTimeOffset At, string Kind, string Text, string? OutTrackId, bool Recalled);
