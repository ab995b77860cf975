namespace DingGate.Agent.Scheduling;

// tools.schedule.missed: what becomes of an occurrence missed while the gateway was down.
internal enum MissedPolicy
{
    // Delivered once, late, with a note naming when it was due.
    Late,

    // Not delivered; recorded as skipped and logged.
    Skip,
}
