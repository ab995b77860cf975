using System.Diagnostics;
using DingGate.Bench.Model;
using DingGate.Bench.Report;
using DingGate.Bench.Scenarios;
using DingGate.Bench.Traffic;

namespace DingGate.Bench.Measure;

/// <summary>Averages the DingTalk calls of the replies of one mode and answer size, grouped by endpoint.</summary>
internal static class CallsPerReplyAnalyzer
{
    public static CallsPerReplyRow Analyze(string mode, AnswerSize size, LoadResult run, TrafficCollector traffic)
    {
        var (wires, _) = WireAttribution.Build(run.Messages, traffic.Frames, traffic.Calls);
        var done = wires.Where(w => w.Message.Completed?.Outcome is not null).ToList();
        var replies = Math.Max(done.Count, 1);
        return new CallsPerReplyRow
        {
            Mode = mode, Size = size.ToString().ToLowerInvariant(), AnswerChars = AnswerScript.Length(size), Replies = done.Count,
            ByEndpoint = done.SelectMany(w => w.Calls).GroupBy(c => c.Endpoint).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (double)g.Count() / replies, StringComparer.Ordinal),
            WireCalls = (double)done.Sum(w => w.Calls.Count) / replies,
            GatewayCounted = (double)done.Sum(w => w.Message.Completed!.Outcome!.TotalApiCalls) / replies,
            Messages = (double)done.Sum(w => w.Message.Completed!.Outcome!.Messages) / replies,
            CompleteMs = done.Count == 0 ? double.NaN
                : done.Average(w => Stopwatch.GetElapsedTime(w.Message.InjectedAt, w.Message.Completed!.Timestamp).TotalMilliseconds),
        };
    }
}
