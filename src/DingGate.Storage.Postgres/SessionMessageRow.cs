namespace DingGate.Storage.Postgres;

// One row of session_messages as Dapper reads it (times in Unix milliseconds).
internal sealed class SessionMessageRow
{
    public long Seq { get; init; }

    public string Role { get; init; } = string.Empty;

    public string Text { get; init; } = string.Empty;

    public long At { get; init; }

    public long? Tokens { get; init; }
}
