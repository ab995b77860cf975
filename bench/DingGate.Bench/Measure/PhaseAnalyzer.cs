using System.Diagnostics;
using DingGate.Bench.Report;
using DingGate.Bench.Scenarios;
using DingGate.Bench.Traffic;

namespace DingGate.Bench.Measure;

/// <summary>Turns a load run and the traffic recorded meanwhile into the phase's figures.</summary>
internal static class PhaseAnalyzer
{
    public static PhaseReport Analyze(
        (string Name, string Mode, int Apps, string Load) label, LoadResult run, TrafficCollector traffic, TimeSpan cpu, TimeSpan wall)
    {
        var (wires, unattributed) = WireAttribution.Build(run.Messages, traffic.Frames, traffic.Calls);
        var windowEnd = run.StartedAt + (long)(run.Window.TotalSeconds * Stopwatch.Frequency);
        var completed = run.Messages.Where(m => m.Completed is { Succeeded: true }).ToList();
        var attributedCalls = wires.Sum(w => w.Calls.Count);
        return new PhaseReport
        {
            Name = label.Name, Mode = label.Mode, Apps = label.Apps, Load = label.Load,
            WindowSeconds = run.Window.TotalSeconds,
            Sent = run.Messages.Count,
            Completed = completed.Count,
            Lost = run.Messages.Count - completed.Count,
            NotDelivered = completed.Count(m => m.Completed!.Outcome is { Delivered: false }),
            FellBack = completed.Count(m => m.Completed!.Outcome is { FellBack: true }),
            RepliesPerSecond = completed.Count(m => m.Completed!.Timestamp <= windowEnd) / run.Window.TotalSeconds,
            RateByTenth = Tenths(run, completed),
            Ack = LatencyStats.Of(wires.Where(w => w is { PushedAt: not null, AckedAt: not null }).Select(w => (w.AckedAt!.Value - w.PushedAt!.Value).TotalMilliseconds)),
            FirstVisible = LatencyStats.Of(wires.Where(w => w.PushedAt is not null && w.FirstVisibleAt is not null)
                .Select(w => (w.FirstVisibleAt!.Value - w.PushedAt!.Value).TotalMilliseconds)),
            Complete = LatencyStats.Of(completed.Select(m => Stopwatch.GetElapsedTime(m.InjectedAt, m.Completed!.Timestamp).TotalMilliseconds)),
            DingTalkCalls = attributedCalls + unattributed.Count,
            CallsPerReply = completed.Count == 0 ? double.NaN : (double)attributedCalls / completed.Count,
            CallsByEndpoint = traffic.Calls.GroupBy(c => c.Endpoint).OrderByDescending(g => g.Count())
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Throttled = traffic.Calls.Count(c => c.Throttled),
            TokenCalls = unattributed.Count(c => c.IsToken),
            OtherUnattributed = unattributed.Count(c => !c.IsToken),
            SkippedBusy = run.SkippedBusy,
            CpuCores = wall > TimeSpan.Zero ? cpu / wall : 0,
            PeakRssMiB = ProcessProbe.PeakRssMiB(),
            RssMiB = ProcessProbe.RssMiB(),
        };
    }

    private static double[] Tenths(LoadResult run, IReadOnlyList<SentMessage> completed)
    {
        var tenth = run.Window.TotalSeconds / 10;
        var counts = new double[10];
        foreach (var message in completed)
        {
            var slot = (int)(Stopwatch.GetElapsedTime(run.StartedAt, message.Completed!.Timestamp).TotalSeconds / tenth);
            if (slot is >= 0 and < 10)
            {
                counts[slot]++;
            }
        }

        return counts.Select(c => Math.Round(c / tenth, 1)).ToArray();
    }
}
