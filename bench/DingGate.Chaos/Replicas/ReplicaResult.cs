namespace DingGate.Chaos.Replicas;

/// <summary>What a replicas run did and its verdict; <see cref="WorkDirectory"/> holds each replica's config, state and log.</summary>
internal sealed record ReplicaResult(ReplicaOptions Options, ReplicaVerdict Verdict, int Kills, int Restarts, TimeSpan BurstTime, TimeSpan WallTime, string WorkDirectory);
