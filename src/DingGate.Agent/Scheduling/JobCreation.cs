using DingGate.Core.Scheduling;

namespace DingGate.Agent.Scheduling;

// What creating a job did: the job, or why not (English, for the model).
internal sealed record JobCreation(ScheduledJob? Job, string? Error)
{
    public static JobCreation Refused(string error) => new(null, error);
}
