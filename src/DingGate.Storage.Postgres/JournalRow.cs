namespace DingGate.Storage.Postgres;

// One inbound_journal row as Dapper reads it (columns aliased to these names).
internal sealed class JournalRow
{
    public string AccountId { get; init; } = string.Empty;

    public string MessageKey { get; init; } = string.Empty;

    public string Topic { get; init; } = string.Empty;

    public string Payload { get; init; } = string.Empty;

    public long ReceivedAt { get; init; }

    public long State { get; init; }

    public long Attempts { get; init; }

    public string? Detail { get; init; }

    public string? LeaseOwner { get; init; }

    public long? LeaseUntil { get; init; }

    public string? Lane { get; init; }

    public long Seq { get; init; }
}
