namespace DingGate.Chaos.Verdict;

/// <summary>
/// What the gateway's reply outbox held at the end: <see cref="Available"/> false when this build has no outbox to read.
/// <see cref="Undelivered"/> counts entries still to be worked (pending, failed); <see cref="Held"/> lists the ambiguous
/// ones the gateway holds for the operator (a part was in flight when the process died, or failed ambiguously twice).
/// </summary>
internal sealed record OutboxProbeResult(bool Available, int Entries, int Undelivered, string Detail)
{
    public IReadOnlyList<HeldOutboxEntry> Held { get; init; } = [];

    public static OutboxProbeResult Missing(string why) => new(false, 0, 0, why);
}
