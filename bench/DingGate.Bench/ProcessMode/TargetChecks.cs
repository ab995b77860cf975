using System.Globalization;
using DingGate.Bench.Options;
using DingGate.Bench.Report;

namespace DingGate.Bench.ProcessMode;

/// <summary>Compares a measured phase with its target's figures.</summary>
internal static class TargetChecks
{
    public static IReadOnlyList<TargetCheck> For(BenchTarget target, PhaseReport phase)
    {
        var checks = new List<TargetCheck>
        {
            new("replies/s", string.Create(CultureInfo.InvariantCulture, $">= {target.MinRepliesPerSecond:0.#}"),
                F(phase.RepliesPerSecond, "0.0"), phase.RepliesPerSecond >= target.MinRepliesPerSecond),
        };
        if (target.MaxThrottled is { } throttled)
        {
            checks.Add(new("refused for QPS (403/429/90018)", string.Create(CultureInfo.InvariantCulture, $"<= {throttled}"),
                phase.Throttled.ToString(CultureInfo.InvariantCulture), phase.Throttled <= throttled));
        }

        if (target.MaxAckP99Ms is { } ack)
        {
            checks.Add(new("ACK p99 ms", string.Create(CultureInfo.InvariantCulture, $"<= {ack:0.#}"), F(phase.Ack.P99, "0.0"), phase.Ack.P99 <= ack));
        }

        checks.Add(new("replies lost (not complete within 30 s)", "0", phase.Lost.ToString(CultureInfo.InvariantCulture), phase.Lost == 0));
        return checks;
    }

    private static string F(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);
}
