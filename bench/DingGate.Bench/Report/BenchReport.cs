namespace DingGate.Bench.Report;

/// <summary>Everything one run measured, with the machine it ran on.</summary>
internal sealed record BenchReport
{
    public required string Machine { get; init; }

    public required string Options { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required double StartupRssMiB { get; init; }

    public required IReadOnlyList<CallsPerReplyRow> CallsPerReply { get; init; }

    public required IReadOnlyList<PhaseReport> Phases { get; init; }

    public required double PeakRssMiB { get; init; }

    public required double ManagedHeapMiB { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }
}
