namespace DingGate.Chaos.Replicas;

/// <summary>What a replicas run does to the cluster (docs/reliability.md, "Replicas mode").</summary>
internal enum ReplicaScenario
{
    /// <summary>One replica <c>kill -9</c>ed halfway through the burst and restarted at once on its state directory.</summary>
    RestartMidRun,

    /// <summary>One replica <c>kill -9</c>ed halfway through the burst and never restarted: the others must take over what it held.</summary>
    KillForGood,
}
