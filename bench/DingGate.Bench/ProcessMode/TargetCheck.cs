namespace DingGate.Bench.ProcessMode;

/// <summary>One figure of a target: what it asks, what was measured, and whether it was met.</summary>
internal sealed record TargetCheck(string Figure, string Target, string Measured, bool Met);
