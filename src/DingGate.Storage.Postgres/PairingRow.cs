namespace DingGate.Storage.Postgres;

// One pairing_pending row as Dapper reads it (columns aliased to these names).
internal sealed class PairingRow
{
    public string AccountId { get; init; } = string.Empty;

    public string Code { get; init; } = string.Empty;

    public string UserId { get; init; } = string.Empty;

    public string Nick { get; init; } = string.Empty;

    public string ConversationId { get; init; } = string.Empty;

    public long CreatedAt { get; init; }

    public long ExpiresAt { get; init; }
}
