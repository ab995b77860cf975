namespace DingGate.Core.Scheduling;

/// <summary>One occurrence of a job: claimed once (keyed by job and due instant), then sent, failed, skipped or ambiguous.</summary>
/// <param name="JobId">The job.</param>
/// <param name="DueAt">The instant it was due.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Late">Delivered after a downtime (with a note).</param>
/// <param name="Attempts">Send attempts made.</param>
/// <param name="NextAttemptAt">When a claimed occurrence is (re)tried.</param>
/// <param name="Detail">The last error or why it was skipped.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record JobOccurrence(
    string JobId,
    DateTimeOffset DueAt,
    OccurrenceState State,
    bool Late,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? Detail,
    DateTimeOffset UpdatedAt);
