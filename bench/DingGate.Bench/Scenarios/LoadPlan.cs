using DingGate.Bench.Rig;

namespace DingGate.Bench.Scenarios;

/// <summary>
/// One load shape: which apps and users, closed loop (<see cref="Concurrency"/> users, one message in flight each) or
/// open loop (<see cref="Rate"/> messages per second), bounded by <see cref="Duration"/> and <see cref="MaxMessages"/>.
/// </summary>
internal sealed record LoadPlan
{
    public required IReadOnlyList<BenchApp> Apps { get; init; }

    public required IReadOnlyList<string> Users { get; init; }

    public int Concurrency { get; init; } = 1;

    public double? Rate { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(5);

    public int MaxMessages { get; init; } = int.MaxValue;

    /// <summary>The user's text for the n-th message (the fake model reads size and speed from it).</summary>
    public required Func<long, string> Text { get; init; }

    /// <summary>How long one reply may take before it counts as lost.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
