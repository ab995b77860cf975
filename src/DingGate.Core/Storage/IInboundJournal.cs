namespace DingGate.Core.Storage;

/// <summary>
/// Durable journal of received messages. The stream reader appends before it ACKs, so a message acknowledged to the
/// platform is never lost; the reply side marks entries answered; on start, unfinished entries are resumed.
/// </summary>
public interface IInboundJournal
{
    /// <summary>Appends the entry durably. Returns false when the account already journaled this key (a redelivery).</summary>
    Task<bool> AppendAsync(InboundJournalEntry entry, CancellationToken cancellationToken);

    /// <summary>Moves an entry to <paramref name="state"/> (Processing also counts an attempt).</summary>
    Task MarkAsync(string accountId, string messageKey, InboundState state, string? detail, CancellationToken cancellationToken);

    /// <summary>The entry, or null.</summary>
    Task<InboundJournalEntry?> FindAsync(string accountId, string messageKey, CancellationToken cancellationToken);

    /// <summary>Entries still Received or Processing, oldest first.</summary>
    Task<IReadOnlyList<InboundJournalEntry>> ListUnfinishedAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes at most <paramref name="limit"/> finished entries (Answered or Failed) last changed at or before
    /// <paramref name="finishedBefore"/>, oldest first; returns how many. Unfinished entries are never deleted.
    /// </summary>
    Task<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Keys of the account's entries that are still unfinished or finished after <paramref name="finishedAfter"/>:
    /// the messages whose downloaded media must be kept.
    /// </summary>
    Task<IReadOnlyList<string>> ListKeysRetainedAfterAsync(string accountId, DateTimeOffset finishedAfter, CancellationToken cancellationToken);

    /// <summary>How many of the account's entries ended failed, and the latest one's time and reason (for status).</summary>
    Task<JournalFailures> GetFailuresAsync(string accountId, CancellationToken cancellationToken);
}
