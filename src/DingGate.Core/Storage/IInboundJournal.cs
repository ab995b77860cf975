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

    // Leases (issue 17, replicas on one PostgreSQL database). An entry's lease says which replica works on it and until
    // when; a replica renews its leases while it lives, and another claims an entry whose lease ran out. SQLite (one
    // process) implements them the same way, but a standalone gateway does not use them.

    /// <summary>
    /// Extends to <paramref name="until"/> the lease of every unfinished entry (of every account) held by
    /// <paramref name="owner"/>; returns how many.
    /// </summary>
    Task<int> RenewLeasesAsync(string owner, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Of the account's entries <paramref name="messageKeys"/>, the keys whose lease another replica than
    /// <paramref name="owner"/> holds now (it took them over, finished or not): the turns <paramref name="owner"/> runs for
    /// them must stop. Entries without a lease owner or unknown are not listed.
    /// </summary>
    Task<IReadOnlyList<string>> ListTakenAsync(string accountId, string owner, IReadOnlyCollection<string> messageKeys, CancellationToken cancellationToken);

    /// <summary>
    /// Gives up the leases <paramref name="owner"/> holds on the account's unfinished entries (owner and expiry cleared),
    /// so another replica claims them at once (an account a config reload removed); returns how many.
    /// </summary>
    Task<int> ReleaseLeasesAsync(string accountId, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically takes at most <paramref name="limit"/> unfinished entries of the account whose lease is absent or ran out
    /// before <paramref name="now"/> (and, when <paramref name="includeOwn"/>, those <paramref name="owner"/> already
    /// holds): each is given to <paramref name="owner"/> until <paramref name="until"/>. Returns them oldest first. Of
    /// several replicas claiming at once, each entry goes to exactly one.
    /// </summary>
    Task<IReadOnlyList<InboundJournalEntry>> ClaimExpiredAsync(
        string accountId, string owner, DateTimeOffset now, DateTimeOffset until, bool includeOwn, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically takes one entry if it is unfinished and its lease is absent or ran out before <paramref name="now"/>;
    /// returns it (now held by <paramref name="owner"/> until <paramref name="until"/>), or null.
    /// </summary>
    Task<InboundJournalEntry?> ClaimOneAsync(
        string accountId, string messageKey, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// The unfinished entries of <paramref name="lane"/> journaled before <paramref name="messageKey"/> (insertion
    /// order across replicas), oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<InboundJournalEntry>> ListEarlierInLaneAsync(
        string accountId, string lane, string messageKey, int limit, CancellationToken cancellationToken);
}
