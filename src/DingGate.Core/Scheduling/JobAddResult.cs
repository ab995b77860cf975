namespace DingGate.Core.Scheduling;

/// <summary>What <see cref="IScheduledJobStore.AddAsync"/> did.</summary>
public enum JobAddResult
{
    /// <summary>Stored.</summary>
    Added,

    /// <summary>The creator already has the most active jobs allowed.</summary>
    LimitReached,

    /// <summary>The id is taken (pick another).</summary>
    IdTaken,
}
