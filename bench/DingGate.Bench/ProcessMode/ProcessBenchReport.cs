using DingGate.Bench.Report;

namespace DingGate.Bench.ProcessMode;

/// <summary>Everything one <c>--gateway-process</c> run measured: the phases, the gateway's and the bench's own resources, the target checks.</summary>
internal sealed record ProcessBenchReport
{
    public required string Machine { get; init; }

    public required string Options { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public string? Target { get; init; }

    public required IReadOnlyList<TargetCheck> TargetChecks { get; init; }

    public required IReadOnlyList<PhaseReport> Phases { get; init; }

    /// <summary>Gateway VmRSS after start-up and warm-up (MiB).</summary>
    public required double GatewayStartupRssMiB { get; init; }

    /// <summary>Gateway VmHWM at the end (MiB).</summary>
    public required double GatewayPeakRssMiB { get; init; }

    /// <summary>This process (emulator, fake model, load generator): VmHWM at the end (MiB).</summary>
    public required double BenchPeakRssMiB { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }
}
