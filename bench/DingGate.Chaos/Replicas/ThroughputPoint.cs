namespace DingGate.Chaos.Replicas;

/// <summary>One measured point: replicas, messages answered, the time from the first message to the last answer, and what went wrong.</summary>
internal sealed record ThroughputPoint(int Replicas, int Messages, int Answered, int Duplicated, long Forbidden, TimeSpan Elapsed)
{
    public double RepliesPerSecond => Elapsed > TimeSpan.Zero ? Answered / Elapsed.TotalSeconds : 0;
}
