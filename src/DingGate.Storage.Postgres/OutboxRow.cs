namespace DingGate.Storage.Postgres;

// One reply_outbox row as Dapper reads it (columns aliased to these names).
internal sealed class OutboxRow
{
    public long Id { get; init; }

    public string AccountId { get; init; } = string.Empty;

    public string MessageKey { get; init; } = string.Empty;

    public long Final { get; init; }

    public string ConversationId { get; init; } = string.Empty;

    public long IsGroup { get; init; }

    public string? UserId { get; init; }

    public string? Webhook { get; init; }

    public long? WebhookExpiresAt { get; init; }

    public long Markdown { get; init; }

    public long DeliveredParts { get; init; }

    public long? InFlightPart { get; init; }

    public long State { get; init; }

    public long Attempts { get; init; }

    public long? NextAttemptAt { get; init; }

    public string? LastError { get; init; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; init; }

    public string? LeaseOwner { get; init; }

    public long? LeaseUntil { get; init; }
}
