namespace DingGate.Bench.Report;

/// <summary>Plain-language remarks on what the figures show (throttling, lost replies, fallbacks).</summary>
internal static class BenchNotes
{
    public static IReadOnlyList<string> For(IReadOnlyList<PhaseReport> phases, IReadOnlyList<CallsPerReplyRow> rows)
    {
        var notes = new List<string>();
        foreach (var p in phases)
        {
            var name = $"{p.Name} / {p.Mode}";
            if (p.Throttled > 0)
            {
                notes.Add($"{name}: the emulator refused {p.Throttled} calls with DingTalk's QPS-limit error (retried by the gateway).");
            }

            if (p.Lost > 0)
            {
                notes.Add($"{name}: {p.Lost} replies did not complete within the timeout.");
            }

            if (p.NotDelivered > 0 || p.FellBack > 0)
            {
                notes.Add($"{name}: {p.NotDelivered} replies not delivered, {p.FellBack} fell back from card to markdown.");
            }

            if (p.SkippedBusy > 0)
            {
                notes.Add($"{name}: {p.SkippedBusy} sends skipped because every user still waited for a reply (offered rate above capacity).");
            }
        }

        notes.AddRange(rows.Where(r => Math.Abs(r.WireCalls - r.GatewayCounted) > 0.01)
            .Select(r => $"calls per reply {r.Mode}/{r.Size}: the emulator recorded {r.WireCalls:0.##} calls per reply, the gateway counted {r.GatewayCounted:0.##}."));
        return notes;
    }
}
