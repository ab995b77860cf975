namespace DingGate.Storage.Postgres;

// One row of session_usage as Dapper reads it.
internal sealed class SessionUsageRow
{
    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public long StartedAt { get; init; }
}
