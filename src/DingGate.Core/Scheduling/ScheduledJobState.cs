namespace DingGate.Core.Scheduling;

/// <summary>Where a scheduled job stands.</summary>
public enum ScheduledJobState
{
    /// <summary>Has a next occurrence.</summary>
    Active = 0,

    /// <summary>A one-shot job whose occurrence was claimed (its delivery is tracked by the occurrence).</summary>
    Completed = 1,

    /// <summary>Removed by its creator, an owner or <c>dinggate jobs remove</c>.</summary>
    Removed = 2,
}
