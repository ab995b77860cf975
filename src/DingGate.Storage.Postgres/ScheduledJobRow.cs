namespace DingGate.Storage.Postgres;

// One scheduled_jobs row as Dapper reads it.
internal sealed class ScheduledJobRow
{
    public string Id { get; init; } = string.Empty;

    public string AccountId { get; init; } = string.Empty;

    public string Target { get; init; } = string.Empty;

    public string Creator { get; init; } = string.Empty;

    public long Kind { get; init; }

    public string Text { get; init; } = string.Empty;

    public long? At { get; init; }

    public string? Cron { get; init; }

    public string TimeZone { get; init; } = string.Empty;

    public long? NextOccurrence { get; init; }

    public long State { get; init; }

    public long CreatedAt { get; init; }
}
