namespace DingGate.Core.Storage;

/// <summary>
/// An answer in the reply outbox: where it goes, all its parts, how far delivery got and what happened on each attempt.
/// Written completely before the first part is sent, so a crash never loses the answer text.
/// </summary>
public sealed record OutboxEntry
{
    /// <summary>Store-assigned id (0 before <see cref="IReplyOutbox.AddAsync"/>).</summary>
    public long Id { get; init; }

    /// <summary>Account that answers.</summary>
    public required string AccountId { get; init; }

    /// <summary>Journal key of the message this answers.</summary>
    public required string MessageKey { get; init; }

    /// <summary>True when this is the message's answer (a resume must not generate it again); false for an interim note.</summary>
    public bool Final { get; init; } = true;

    /// <summary>Conversation id of the message.</summary>
    public required string ConversationId { get; init; }

    /// <summary>True for a group conversation.</summary>
    public bool IsGroup { get; init; }

    /// <summary>Staff id of the sender (the OpenAPI target of a 1:1 chat; the @-mention in a group), if known.</summary>
    public string? UserId { get; init; }

    /// <summary>The message's session webhook, if any.</summary>
    public string? Webhook { get; init; }

    /// <summary>Expiry of <see cref="Webhook"/>.</summary>
    public DateTimeOffset? WebhookExpiresAt { get; init; }

    /// <summary>True when the parts are markdown (else plain text).</summary>
    public bool Markdown { get; init; }

    /// <summary>The parts in order.</summary>
    public required IReadOnlyList<OutboxPart> Parts { get; init; }

    /// <summary>How many parts DingTalk accepted (parts are sent in order).</summary>
    public int DeliveredParts { get; init; }

    /// <summary>The part whose call was started and not yet answered (a crash then leaves it ambiguous).</summary>
    public int? InFlightPart { get; init; }

    /// <summary>Where it is.</summary>
    public OutboxState State { get; init; } = OutboxState.Sending;

    /// <summary>Delivery attempts that failed or ended it (inline and by the worker) since it was (re)queued.</summary>
    public int Attempts { get; init; }

    /// <summary>When the worker tries next (Pending only).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The last error.</summary>
    public string? LastError { get; init; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Attempt history, oldest first (filled by <see cref="IReplyOutbox.FindAsync"/>; empty in lists).</summary>
    public IReadOnlyList<OutboxAttempt> History { get; init; } = [];

    /// <summary>Replica that sends it (clustered only; null: anyone may). Written by <see cref="IReplyOutbox.AddAsync"/>.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>Until when <see cref="LeaseOwner"/>'s claim holds unless renewed.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }
}
