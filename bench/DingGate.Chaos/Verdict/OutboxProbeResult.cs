namespace DingGate.Chaos.Verdict;

/// <summary>What the gateway's reply outbox held at the end: <see cref="Available"/> false when this build has no outbox to read.</summary>
internal sealed record OutboxProbeResult(bool Available, int Entries, int Undelivered, string Detail)
{
    public static OutboxProbeResult Missing(string why) => new(false, 0, 0, why);
}
