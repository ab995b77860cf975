namespace DingGate.Core.Scheduling;

/// <summary>What a scheduled job does at each occurrence.</summary>
public enum ScheduledJobKind
{
    /// <summary>Sends a fixed text to the target.</summary>
    Message = 0,

    /// <summary>Runs an agent turn with a prompt and sends its answer to the target.</summary>
    Agent = 1,
}
