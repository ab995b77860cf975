namespace DingGate.Chaos.Verdict;

/// <summary>The figures of a run and every invariant's outcome.</summary>
internal sealed record ChaosVerdict
{
    public required int Messages { get; init; }

    public required int NotDeliveredByDingTalk { get; init; }

    public required int Answered { get; init; }

    public required int Lost { get; init; }

    public required int Duplicated { get; init; }

    public required int Cards { get; init; }

    public required int SpinningCards { get; init; }

    public required int ExtraCards { get; init; }

    public required int ReactionsShown { get; init; }

    public required int ReactionsRecalled { get; init; }

    public required int StrayMessages { get; init; }

    public required IReadOnlyList<InvariantResult> Invariants { get; init; }

    public bool AllHold => Invariants.All(i => i.Status != InvariantStatus.Fails);
}
