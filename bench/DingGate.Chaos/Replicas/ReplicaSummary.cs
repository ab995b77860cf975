using System.Globalization;
using System.Text;
using DingGate.Chaos.Verdict;

namespace DingGate.Chaos.Replicas;

/// <summary>The printed summary of a replicas run: figures and every invariant with its evidence.</summary>
internal static class ReplicaSummary
{
    public static string Render(ReplicaResult result)
    {
        var o = result.Options;
        var v = result.Verdict.Chaos;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"DingGate replicas run: {o.Replicas} replicas on PostgreSQL{(o.Redis ? " + Redis" : string.Empty)}, {v.Messages} messages from {o.Users} users at {o.Rate} msg/s, {o.Scenario}, seed {o.Seed}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  answered        {v.Answered}/{v.Messages}   lost {v.Lost}   duplicated {v.Duplicated}   not delivered by DingTalk {v.NotDeliveredByDingTalk}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  cards           {v.Cards}   spinning {v.SpinningCards}   extra cards {v.ExtraCards}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  reactions       shown {v.ReactionsShown}   recalled {v.ReactionsRecalled}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  403s            {result.Verdict.Forbidden}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  kills           {result.Kills} (restarted {result.Restarts}){(o.Scenario == ReplicaScenario.KillForGood ? $", {result.Verdict.HeldCount} messages held by the dead replica" : string.Empty)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  wall time       {result.WallTime.TotalSeconds:F1} s (burst {result.BurstTime.TotalSeconds:F1} s)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  work dir        {result.WorkDirectory}");
        foreach (var invariant in result.Verdict.All)
        {
            var mark = invariant.Status switch { InvariantStatus.Holds => "HOLDS", InvariantStatus.Fails => "FAILS", _ => "NOT CHECKED" };
            sb.AppendLine(CultureInfo.InvariantCulture, $"  [{mark}] {invariant.Name}: {invariant.Detail}");
        }

        return sb.ToString();
    }
}
