using DingGate.Chaos.Verdict;

namespace DingGate.Chaos.Replicas;

/// <summary>What the replica invariants are judged from besides the chaos record: model requests, HTTP statuses, the takeover watch.</summary>
internal sealed record ReplicaEvidence(
    ChaosRecord Record,
    IReadOnlyList<ModelRequest> ModelRequests,
    IReadOnlyDictionary<string, long> CallsByStatus,
    HeldMessages? Held);
