using System.Globalization;
using System.Text;
using static DingGate.Bench.Report.TextReport;

namespace DingGate.Bench.ProcessMode;

/// <summary>The plain-text report of a <c>--gateway-process</c> run.</summary>
internal static class ProcessTextReport
{
    public static string Render(ProcessBenchReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"""

            DingGate benchmark, gateway in its own process — {report.StartedAt:yyyy-MM-dd HH:mm} UTC
            Machine: {report.Machine}
            Options: {report.Options}
            Gateway: the built `dinggate gateway` as a child process. This process: emulator + fake model server (OpenAI-compatible, zero latency) + load generator.
            Completion: read from the emulator's record (markdown: the message carrying the answer's end; card: its FINISHED update, or isFinalize without flow status).

            Load phases (latencies in ms; ACK: CALLBACK push → ACK frame; first reply: push → first send/card; complete: inject → last call recorded)
            """);
        var rows = report.Phases.Select(p => new[]
        {
            p.Name, p.Mode, N(p.Apps), p.Load, N(p.Sent), N(p.Completed), F(p.RepliesPerSecond, "0.0"), Pair(p.Ack), Pair(p.FirstVisible), Pair(p.Complete),
            F(p.CallsPerReply, "0.00"), N(p.Throttled), F(p.GatewayCpuCores ?? double.NaN, "0.00"),
            $"{F(p.GatewayRssMiB ?? double.NaN, "0")} / {F(p.GatewayPeakRssMiB ?? double.NaN, "0")}", F(p.CpuCores, "0.00"), F(p.PeakRssMiB, "0"),
        }).ToList();
        Table(text, ["phase", "mode", "apps", "load", "sent", "done", "replies/s", "ACK p50/p99", "1st reply p50/p99", "complete p50/p99",
            "calls/reply", "403/429", "gateway CPU", "gateway RSS/peak MiB", "bench CPU", "bench peak MiB"], rows);

        text.AppendLine();
        text.AppendLine("CPU per reply (both processes share the machine's CPUs; replies per CPU-second say what each side would carry alone)");
        foreach (var p in report.Phases)
        {
            var gateway = p.GatewayCpuCores ?? double.NaN;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {p.Name} / {p.Mode}: gateway {F(gateway * 1000 / p.RepliesPerSecond, "0.00")} ms CPU per reply ({F(p.RepliesPerSecond / gateway, "0")} replies per gateway CPU-second); " +
                $"bench process {F(p.CpuCores * 1000 / p.RepliesPerSecond, "0.00")} ms CPU per reply ({F(p.RepliesPerSecond / p.CpuCores, "0")} per CPU-second)");
        }

        text.AppendLine();
        text.AppendLine("Replies/s in each tenth of the window (does the rate hold?)");
        foreach (var p in report.Phases)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {p.Name} / {p.Mode}: {string.Join(" ", p.RateByTenth.Select(r => F(r, "0.#")))}");
        }

        text.AppendLine();
        text.AppendLine("DingTalk calls of each phase, by endpoint");
        foreach (var p in report.Phases)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {p.Name} / {p.Mode}: {string.Join(", ", p.CallsByEndpoint.Select(e => $"{e.Key} {e.Value}"))}");
        }

        if (report.Target is { } target)
        {
            text.AppendLine();
            text.AppendLine("Target: " + target);
            Table(text, ["figure", "target", "measured", "verdict"],
                report.TargetChecks.Select(c => new[] { c.Figure, c.Target, c.Measured, c.Met ? "pass" : "MISS" }).ToList());
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Memory: gateway RSS after start-up and warm-up {report.GatewayStartupRssMiB:0} MiB, gateway peak RSS (VmHWM) {report.GatewayPeakRssMiB:0} MiB; bench process peak RSS {report.BenchPeakRssMiB:0} MiB.");
        foreach (var note in report.Notes)
        {
            text.AppendLine("Note: " + note);
        }

        return text.ToString();
    }
}
