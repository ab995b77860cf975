namespace DingGate.Agent.Scheduling;

// What removing a job did.
internal enum JobRemoval
{
    Removed,
    NotFound,
    NotYours,
}
