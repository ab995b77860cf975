namespace DingGate.Storage.Postgres;

// One open_cards row as Dapper reads it (columns aliased to these names).
internal sealed class OpenCardRow
{
    public string AccountId { get; init; } = string.Empty;

    public string OutTrackId { get; init; } = string.Empty;

    public string ConversationId { get; init; } = string.Empty;

    public string MessageKey { get; init; } = string.Empty;

    public string? OwnerUserId { get; init; }

    public string Content { get; init; } = string.Empty;

    public long State { get; init; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; init; }
}
