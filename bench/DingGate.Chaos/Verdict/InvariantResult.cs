namespace DingGate.Chaos.Verdict;

/// <summary>One invariant's outcome with the evidence (counts and a few examples).</summary>
internal sealed record InvariantResult(string Name, InvariantStatus Status, string Detail);
