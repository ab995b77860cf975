namespace DingGate.Storage.Postgres;

// One job_occurrences row as Dapper reads it.
internal sealed class JobOccurrenceRow
{
    public string JobId { get; init; } = string.Empty;

    public long DueAt { get; init; }

    public long State { get; init; }

    public long Late { get; init; }

    public long Attempts { get; init; }

    public long? NextAttemptAt { get; init; }

    public string? Detail { get; init; }

    public long UpdatedAt { get; init; }
}
