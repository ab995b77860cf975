namespace DingGate.Storage.Postgres;

// One owner_approvals row as Dapper reads it (columns aliased to these names).
internal sealed class OwnerApprovalRow
{
    public string AccountId { get; init; } = string.Empty;

    public string Code { get; init; } = string.Empty;

    public string OutTrackId { get; init; } = string.Empty;

    public string UserId { get; init; } = string.Empty;

    public string Nick { get; init; } = string.Empty;

    public long CreatedAt { get; init; }

    public long ExpiresAt { get; init; }

    public long? NotifiedAt { get; init; }

    public string? NotifiedBy { get; init; }

    public long Decision { get; init; }

    public string? DecidedBy { get; init; }

    public long? DecidedAt { get; init; }

    public long? CardUpdatedAt { get; init; }

    public long? RequesterToldAt { get; init; }

    public string? WorkedBy { get; init; }
}
