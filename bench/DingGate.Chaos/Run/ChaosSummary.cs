using System.Globalization;
using System.Text;
using DingGate.Chaos.Verdict;

namespace DingGate.Chaos.Run;

/// <summary>The printed summary of a run: figures, faults fired per kind, every invariant with its evidence.</summary>
internal static class ChaosSummary
{
    public static string Render(ChaosResult result)
    {
        var v = result.Verdict;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"DingGate chaos run: {v.Messages} messages at {result.Options.Rate} msg/s, {result.Kills} kill -9, seed {result.Options.Seed}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  answered        {v.Answered}/{v.Messages}   lost {v.Lost}   duplicated {v.Duplicated}   not delivered by DingTalk {v.NotDeliveredByDingTalk}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  cards           {v.Cards}   spinning {v.SpinningCards}   extra cards {v.ExtraCards}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  reactions       shown {v.ReactionsShown}   recalled {v.ReactionsRecalled}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  stray messages  {v.StrayMessages}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  faults fired    {string.Join(", ", result.FaultsFired.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"))}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  wall time       {result.WallTime.TotalSeconds:F1} s (burst {result.BurstTime.TotalSeconds:F1} s)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  work dir        {result.WorkDirectory}");
        foreach (var invariant in v.Invariants)
        {
            var mark = invariant.Status switch { InvariantStatus.Holds => "HOLDS", InvariantStatus.Fails => "FAILS", _ => "NOT CHECKED" };
            sb.AppendLine(CultureInfo.InvariantCulture, $"  [{mark}] {invariant.Name}: {invariant.Detail}");
        }

        return sb.ToString();
    }
}
