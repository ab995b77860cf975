namespace DingGate.Core.Storage;

/// <summary>
/// Durable outbox of answers (next to the journal): an answer is written with all its parts before the first is sent,
/// each part is recorded the moment DingTalk accepts it, and what could not be delivered waits here for the delivery
/// worker or the operator. Every method is one atomic write or read.
/// </summary>
public interface IReplyOutbox
{
    /// <summary>Writes <paramref name="entry"/> (its parts included) and returns its id.</summary>
    Task<long> AddAsync(OutboxEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="AddAsync"/> for a clustered replica (<see cref="OutboxEntry.LeaseOwner"/> set): written only while no
    /// other replica holds the journal entry of its message (unfinished, or finished by that replica: it answered the
    /// message), checked in the same write (on PostgreSQL with the journal row locked, so a takeover of the message
    /// either comes first and this is refused, or comes after and finds this answer). Null when refused: nothing was
    /// written.
    /// </summary>
    Task<long?> AddLeasedAsync(OutboxEntry entry, CancellationToken cancellationToken);

    /// <summary>The entry with its attempt history, or null.</summary>
    Task<OutboxEntry?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>The newest final answer written for a message (whatever its state), or null.</summary>
    Task<OutboxEntry?> FindAnswerAsync(string accountId, string messageKey, CancellationToken cancellationToken);

    /// <summary>Entries of an account (every account when null) in <paramref name="states"/> (every state when null), oldest first.</summary>
    Task<IReadOnlyList<OutboxEntry>> ListAsync(string? accountId, IReadOnlyCollection<OutboxState>? states, CancellationToken cancellationToken);

    /// <summary>Pending entries of the account due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<OutboxEntry>> ListDueAsync(string accountId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The earliest next attempt among the account's pending entries, or null.</summary>
    Task<DateTimeOffset?> NextDueAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks <paramref name="part"/> in flight (state Sending) just before its call starts. False when the entry is gone,
    /// delivered or was dropped meanwhile (the operator's drop wins: nothing is sent).
    /// </summary>
    Task<bool> BeginPartAsync(long id, int part, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Takes back the in-flight mark of <paramref name="part"/> (if it is still the one in flight): DingTalk definitely
    /// refused the call, so nothing was shown, and the part waits unsent (a retry after a throttle code, or the OpenAPI
    /// after the session webhook refused). A crash from here on re-sends it instead of holding it as ambiguous.
    /// </summary>
    Task EndPartAsync(long id, int part, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that DingTalk accepted <paramref name="part"/>; after the last part the entry is Delivered.</summary>
    Task PartDeliveredAsync(long id, int part, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Appends <paramref name="attempt"/> to the history, counts it, clears the in-flight part and moves the entry to <paramref name="state"/>.</summary>
    Task RecordAttemptAsync(long id, OutboxAttempt attempt, OutboxState state, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>
    /// After a restart: the account's entries a dead process left Sending become Pending (due at <paramref name="now"/>),
    /// or Ambiguous when a part was in flight. Returns how many changed. Call before anything sends for the account.
    /// </summary>
    Task<int> RecoverInterruptedAsync(string accountId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Re-queues a Failed, Ambiguous or Dropped entry (Pending and due at once, attempts reset). False when unknown or not in those states.</summary>
    Task<bool> RetryAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Drops an entry that is not Delivered (the worker stops trying it). False when unknown or delivered.</summary>
    Task<bool> DropAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Entries per state of an account (every account when null); states without entries are absent.</summary>
    Task<IReadOnlyDictionary<OutboxState, int>> CountAsync(string? accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes at most <paramref name="limit"/> Delivered and Dropped entries (with their parts and history) last changed
    /// before <paramref name="cutoff"/>, oldest first, in one short write; returns how many. Pending, ambiguous and failed
    /// entries are never purged.
    /// </summary>
    Task<int> PurgeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken);

    // Leases (issue 17): with replicas, an entry is sent by the replica holding its lease; the lease is renewed while
    // that replica lives and an entry whose lease ran out is claimed by another.

    /// <summary>
    /// Extends to <paramref name="until"/> the lease of every Sending or Pending entry held by <paramref name="owner"/>
    /// whose lease has not run out before <paramref name="now"/>; returns how many. A lease that ran out is never revived:
    /// the entry is up for claiming (by any replica, this one included), and <see cref="BeginLeasedPartAsync"/> refuses it.
    /// </summary>
    Task<int> RenewLeasesAsync(string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// The fenced <see cref="BeginPartAsync"/> of a clustered replica (issue 17): marks <paramref name="part"/> in flight
    /// only while <paramref name="owner"/> holds the entry (its lease owner, the lease running past <paramref name="at"/>)
    /// and, for an interim entry (not <see cref="OutboxEntry.Final"/>), no other replica holds the unfinished journal
    /// entry of its message (a final answer written before a takeover of its message is what closes that message, see
    /// <see cref="AddLeasedAsync"/>); the check and the mark are one conditional write. Refused (<see cref="OutboxPartStart.LeaseLost"/>), the caller sends nothing and the same write
    /// hands the entry over when it is still the caller's: its lease is set to have run out (so a takeover settles it and
    /// one replica sends it) — or, for an interim entry (not <see cref="OutboxEntry.Final"/>) of a message another replica
    /// holds, it is dropped — and the message's unfinished journal entry, when the caller still holds it, is released (no
    /// owner) for a takeover to close from the outbox or answer again. An entry another replica took over and delivered
    /// is <see cref="OutboxPartStart.LeaseLost"/> too. <see cref="OutboxPartStart.Gone"/>: dropped, unknown, or delivered
    /// by the caller.
    /// </summary>
    Task<OutboxPartStart> BeginLeasedPartAsync(long id, int part, DateTimeOffset at, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Gives up the leases <paramref name="owner"/> holds on the account's Sending or Pending entries (owner and expiry
    /// cleared), so another replica settles or sends them at once (an account a config reload removed); returns how many.
    /// </summary>
    Task<int> ReleaseLeasesAsync(string accountId, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically takes at most <paramref name="limit"/> Pending entries of the account due at <paramref name="now"/> whose
    /// lease is absent, ran out, or is <paramref name="owner"/>'s: each is given to <paramref name="owner"/> until
    /// <paramref name="until"/>. Returns them oldest first; of several replicas claiming at once, each entry goes to one.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(
        string accountId, string owner, DateTimeOffset now, DateTimeOffset until, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="RecoverInterruptedAsync"/> for the entries of a replica that died: only entries whose lease is absent or
    /// ran out before <paramref name="now"/> (and, when <paramref name="includeOwn"/>, <paramref name="owner"/>'s own,
    /// at a start) are settled, and each settled entry is given to <paramref name="owner"/> until <paramref name="until"/>.
    /// A live replica's send is never touched.
    /// </summary>
    Task<int> RecoverExpiredAsync(
        string accountId, string owner, DateTimeOffset now, DateTimeOffset until, bool includeOwn, CancellationToken cancellationToken);
}
