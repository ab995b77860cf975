namespace DingGate.Core.Scheduling;

/// <summary>
/// Scheduled jobs and their occurrences, in the state store. Exactly once per occurrence: <see cref="ClaimAsync"/>
/// records the occurrence and moves the job to its next one in one transaction, so an occurrence is claimed at most
/// once however often the scheduler (or a restarted one) looks; <see cref="BeginSendAsync"/> marks the send in flight
/// before it starts, so a process that dies during the send leaves an occurrence <see cref="RecoverInterruptedAsync"/>
/// flags <see cref="OccurrenceState.Ambiguous"/> instead of sending it again.
/// </summary>
public interface IScheduledJobStore
{
    /// <summary>Stores <paramref name="job"/> unless its creator already has <paramref name="maxActivePerCreator"/> active jobs on its account, or its id is taken.</summary>
    Task<JobAddResult> AddAsync(ScheduledJob job, int maxActivePerCreator, CancellationToken cancellationToken);

    /// <summary>The job with <paramref name="id"/> (any state), or null.</summary>
    Task<ScheduledJob?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Jobs, oldest first: of one account and/or creator when given; removed ones only when <paramref name="includeRemoved"/>.</summary>
    Task<IReadOnlyList<ScheduledJob>> ListAsync(string? accountId, string? creator, bool includeRemoved, CancellationToken cancellationToken);

    /// <summary>Marks the job removed (its claimed occurrences are still delivered). False when unknown or already removed.</summary>
    Task<bool> RemoveAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Active jobs whose next occurrence is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<ScheduledJob>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The earliest instant something is due: an active job's next occurrence or a claimed occurrence's next attempt.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims the occurrence of <paramref name="jobId"/> due at <paramref name="dueAt"/> (when the job is active and that
    /// is still its next occurrence) and moves the job to <paramref name="next"/> (null: completed), in one transaction.
    /// <paramref name="state"/> is <see cref="OccurrenceState.Claimed"/> (to be sent) or <see cref="OccurrenceState.Skipped"/>.
    /// False when another claim won or the job changed.
    /// </summary>
    Task<bool> ClaimAsync(string jobId, DateTimeOffset dueAt, DateTimeOffset? next, OccurrenceState state, bool late, string? detail, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Claimed occurrences whose (next) attempt is at or before <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<JobOccurrence>> ListClaimedAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Occurrences of one job (or all when null), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<JobOccurrence>> ListOccurrencesAsync(string? jobId, int limit, CancellationToken cancellationToken);

    /// <summary>Claimed → <see cref="OccurrenceState.Sending"/>, counting the attempt. False when it is not claimed (any more).</summary>
    Task<bool> BeginSendAsync(string jobId, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends an attempt: <see cref="OccurrenceState.Sent"/>, <see cref="OccurrenceState.Failed"/>, or back to <see cref="OccurrenceState.Claimed"/> with a retry at <paramref name="nextAttemptAt"/>.</summary>
    Task EndSendAsync(string jobId, DateTimeOffset dueAt, OccurrenceState state, DateTimeOffset? nextAttemptAt, string? detail, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>At start: occurrences left <see cref="OccurrenceState.Sending"/> by a process that ended become <see cref="OccurrenceState.Ambiguous"/>; returns them.</summary>
    Task<IReadOnlyList<JobOccurrence>> RecoverInterruptedAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
