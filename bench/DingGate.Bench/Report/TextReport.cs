using System.Globalization;
using System.Text;
using DingGate.Bench.Measure;

namespace DingGate.Bench.Report;

/// <summary>The plain-text tables printed at the end of a run.</summary>
internal static class TextReport
{
    public static string Render(BenchReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"""

            DingGate benchmark — {report.StartedAt:yyyy-MM-dd HH:mm} UTC
            Machine: {report.Machine}
            Options: {report.Options}
            One process: emulator + gateway (SQLite, JSONL logs) + load generator + zero-latency fake model, loopback.

            Load phases (latencies in ms; ACK: CALLBACK push → ACK frame; first reply: push → first send/card; complete: inject → last call answered)
            """);
        var rows = report.Phases.Select(p => new[]
        {
            p.Name, p.Mode, p.Load, N(p.Sent), N(p.Completed), F(p.RepliesPerSecond, "0.0"), Pair(p.Ack), Pair(p.FirstVisible), Pair(p.Complete),
            F(p.CallsPerReply, "0.00"), N(p.Throttled), N(p.TokenCalls), F(p.CpuCores, "0.00"), F(p.PeakRssMiB, "0"),
        }).ToList();
        Table(text, ["phase", "mode", "load", "sent", "done", "replies/s", "ACK p50/p99", "1st reply p50/p99", "complete p50/p99",
            "calls/reply", "403/429", "tokens", "CPU cores", "peak RSS MiB"], rows);

        text.AppendLine();
        text.AppendLine("Replies/s in each tenth of the window (does the rate hold?)");
        foreach (var p in report.Phases)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {p.Name} / {p.Mode}: {string.Join(" ", p.RateByTenth.Select(r => F(r, "0.#")))}");
        }

        text.AppendLine();
        text.AppendLine("DingTalk calls of each load phase, by endpoint (all replies of the phase)");
        foreach (var p in report.Phases)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {p.Name} / {p.Mode}: {string.Join(", ", p.CallsByEndpoint.Select(e => $"{e.Key} {e.Value}"))}");
        }

        text.AppendLine();
        text.AppendLine("DingTalk calls per reply (emulator record; the model streams in deltas of 12 chars)");
        Table(text, ["mode", "size", "chars", "replies", "calls", "gateway count", "messages", "complete ms", "by endpoint"],
            report.CallsPerReply.Select(r => new[]
            {
                r.Mode, r.Size, N(r.AnswerChars), N(r.Replies), F(r.WireCalls, "0.##"), F(r.GatewayCounted, "0.##"), F(r.Messages, "0.##"), F(r.CompleteMs, "0"),
                string.Join(", ", r.ByEndpoint.Select(e => $"{e.Key} ×{e.Value:0.##}")),
            }).ToList());

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Memory: RSS after start-up and warm-up {report.StartupRssMiB:0} MiB; peak RSS (VmHWM) {report.PeakRssMiB:0} MiB; managed heap at the end {report.ManagedHeapMiB:0} MiB.");
        foreach (var note in report.Notes)
        {
            text.AppendLine("Note: " + note);
        }

        return text.ToString();
    }

    internal static string Pair(LatencyStats s) => s.Count == 0 ? "–" : $"{F(s.P50, "0.0")} / {F(s.P99, "0.0")}";

    internal static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string F(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    internal static void Table(StringBuilder text, string[] header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        void Line(IReadOnlyList<string> cells) =>
            text.AppendLine(string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows)
        {
            Line(row);
        }
    }
}
