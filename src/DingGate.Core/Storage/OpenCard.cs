namespace DingGate.Core.Storage;

/// <summary>
/// A streaming card that is not finalized yet, persisted so that after a crash or restart it can be finalized with
/// what it last showed and an honest "interrupted" note (a card left "thinking" forever is a bug users hate).
/// </summary>
public sealed record OpenCard
{
    /// <summary>Account that created it.</summary>
    public required string AccountId { get; init; }

    /// <summary>The card's outTrackId.</summary>
    public required string OutTrackId { get; init; }

    /// <summary>Conversation it was delivered to.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Journal key of the message it answers.</summary>
    public required string MessageKey { get; init; }

    /// <summary>Staff id of the user who asked (the only one allowed to stop it).</summary>
    public string? OwnerUserId { get; init; }

    /// <summary>The content the card shows now (last streaming update).</summary>
    public string Content { get; init; } = string.Empty;

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When <see cref="Content"/> last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
