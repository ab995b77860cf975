namespace DingGate.Agent.Demo;

/// <summary>How the offline demo model streams.</summary>
public sealed class DemoChatOptions
{
    /// <summary>Pause between two deltas (default 30 ms; zero in tests).</summary>
    public TimeSpan DeltaDelay { get; set; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Characters (text elements) per delta (default 6).</summary>
    public int DeltaLength { get; set; } = 6;
}
