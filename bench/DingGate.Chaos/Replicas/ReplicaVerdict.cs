using DingGate.Chaos.Verdict;

namespace DingGate.Chaos.Replicas;

/// <summary>The chaos verdict of the run plus the invariants only several replicas can break.</summary>
internal sealed record ReplicaVerdict(ChaosVerdict Chaos, IReadOnlyList<InvariantResult> Cluster, long Forbidden, int HeldCount)
{
    public IEnumerable<InvariantResult> All => Chaos.Invariants.Concat(Cluster);

    public bool AllHold => All.All(i => i.Status != InvariantStatus.Fails);
}
