using DingGate.Bench.Measure;

namespace DingGate.Bench.Report;

/// <summary>The figures of one load phase.</summary>
internal sealed record PhaseReport
{
    public required string Name { get; init; }

    public required string Mode { get; init; }

    public required int Apps { get; init; }

    /// <summary>"64 users (closed loop)" or "50 msg/s (open loop)".</summary>
    public required string Load { get; init; }

    public required double WindowSeconds { get; init; }

    public required int Sent { get; init; }

    public required int Completed { get; init; }

    /// <summary>Replies not complete within the timeout, or ended without an outcome.</summary>
    public required int Lost { get; init; }

    /// <summary>Replies the gateway reported as not delivered or fallen back from card to markdown.</summary>
    public required int NotDelivered { get; init; }

    public required int FellBack { get; init; }

    /// <summary>Replies completed inside the window, per second.</summary>
    public required double RepliesPerSecond { get; init; }

    /// <summary>Replies completed per second in each tenth of the window: shows whether the rate holds.</summary>
    public required IReadOnlyList<double> RateByTenth { get; init; }

    public required LatencyStats Ack { get; init; }

    public required LatencyStats FirstVisible { get; init; }

    public required LatencyStats Complete { get; init; }

    public required int DingTalkCalls { get; init; }

    public required double CallsPerReply { get; init; }

    /// <summary>Every DingTalk call of the phase by endpoint (<c>POST /robot/sendBySession</c>…), tokens included.</summary>
    public required IReadOnlyDictionary<string, int> CallsByEndpoint { get; init; }

    public required int Throttled { get; init; }

    public required int TokenCalls { get; init; }

    public required int OtherUnattributed { get; init; }

    public required int SkippedBusy { get; init; }

    /// <summary>CPU time over wall time, in cores (the machine's count is in the header).</summary>
    public required double CpuCores { get; init; }

    public required double PeakRssMiB { get; init; }

    public required double RssMiB { get; init; }

    /// <summary>The gateway process's own CPU time over wall time, when it runs in its own process (<c>--gateway-process</c>); else null.</summary>
    public double? GatewayCpuCores { get; init; }

    /// <summary>The gateway process's VmRSS after the phase (MiB), when it runs in its own process.</summary>
    public double? GatewayRssMiB { get; init; }

    /// <summary>The gateway process's VmHWM after the phase (MiB), when it runs in its own process.</summary>
    public double? GatewayPeakRssMiB { get; init; }
}
