namespace DingGate.Storage.Postgres;

// One reply_outbox_attempts row as Dapper reads it.
internal sealed class OutboxAttemptRow
{
    public long At { get; init; }

    public string Path { get; init; } = string.Empty;

    public string Outcome { get; init; } = string.Empty;

    public string? Detail { get; init; }
}
