namespace DingGate.Storage.Postgres;

// One reply_outbox_parts row as Dapper reads it.
internal sealed class OutboxPartRow
{
    public long OutboxId { get; init; }

    public string Title { get; init; } = string.Empty;

    public string Text { get; init; } = string.Empty;
}
