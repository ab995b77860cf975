namespace DingGate.Core.Storage;

/// <summary>
/// A card that is not ended yet, recorded before its create call so that after a crash or restart it is never left
/// "thinking" forever: the resumed answer streams into it (its message is answered again), or it is ended with what it
/// last showed and an honest "interrupted" note, or, once its answer was delivered (<see cref="State"/>), with just
/// its final state.
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

    /// <summary>The content the card shows now (last streaming update; the whole answer once delivered).</summary>
    public string Content { get; init; } = string.Empty;

    /// <summary>How far it got (created, answer delivered).</summary>
    public OpenCardState State { get; init; } = OpenCardState.Created;

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When <see cref="Content"/> last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
