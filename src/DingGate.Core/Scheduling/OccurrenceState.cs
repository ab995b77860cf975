namespace DingGate.Core.Scheduling;

/// <summary>
/// Where one occurrence of a job stands. Claimed before anything is sent (durably, with the job moved to its next
/// occurrence in the same transaction), <see cref="Sending"/> while the send is in flight, then <see cref="Sent"/>.
/// </summary>
public enum OccurrenceState
{
    /// <summary>Claimed, not sent yet (or a failed attempt waiting for its retry): delivered by the scheduler, also after a restart.</summary>
    Claimed = 0,

    /// <summary>The send is in flight. Found so at start: the process ended during the send (see <see cref="Ambiguous"/>).</summary>
    Sending = 1,

    /// <summary>DingTalk accepted the send.</summary>
    Sent = 2,

    /// <summary>Every attempt failed; logged and listed, not retried.</summary>
    Failed = 3,

    /// <summary>Missed while the gateway was down and <c>tools.schedule.missed</c> is <c>skip</c>.</summary>
    Skipped = 4,

    /// <summary>The process ended while the send was in flight: DingTalk may or may not have it; flagged, never sent again.</summary>
    Ambiguous = 5,
}
