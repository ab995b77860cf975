namespace DingGate.Core.Scheduling;

/// <summary>
/// A scheduled job: what to send (<see cref="Kind"/>, <see cref="Text"/>), where (<see cref="Target"/>, through
/// <see cref="AccountId"/>) and when: once at <see cref="At"/>, or at every occurrence of <see cref="Cron"/> in
/// <see cref="TimeZone"/>. <see cref="NextOccurrence"/> is the next instant it fires (null once a one-shot job ran).
/// </summary>
public sealed record ScheduledJob
{
    /// <summary>Short, user-facing id (e.g. <c>k3x9m2</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The account (bot) that sends it.</summary>
    public required string AccountId { get; init; }

    /// <summary>Where the answer goes: <c>user:&lt;staffId&gt;</c> or <c>group:&lt;openConversationId&gt;</c>.</summary>
    public required string Target { get; init; }

    /// <summary>Staff id of whoever created it (its owner for <c>/jobs</c> and removal).</summary>
    public required string Creator { get; init; }

    /// <summary>Fixed message or agent turn.</summary>
    public required ScheduledJobKind Kind { get; init; }

    /// <summary>The text sent (<see cref="ScheduledJobKind.Message"/>) or the prompt (<see cref="ScheduledJobKind.Agent"/>).</summary>
    public required string Text { get; init; }

    /// <summary>The one instant of a one-shot job; null for a recurring one.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The cron expression of a recurring job (5 fields, or 6 with seconds); null for a one-shot one.</summary>
    public string? Cron { get; init; }

    /// <summary>IANA time zone the cron expression (and times shown to users) are read in.</summary>
    public required string TimeZone { get; init; }

    /// <summary>When it fires next; null when it will not fire again.</summary>
    public DateTimeOffset? NextOccurrence { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Active, completed or removed.</summary>
    public ScheduledJobState State { get; init; } = ScheduledJobState.Active;

    /// <summary>True for a cron job.</summary>
    public bool Recurring => Cron is not null;
}
