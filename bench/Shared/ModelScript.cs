namespace DingGate.Harness;

/// <summary>What the fake model streams for one request: these deltas, each after <paramref name="PauseBeforeEach"/> (zero: all at once).</summary>
internal sealed record ModelScript(IReadOnlyList<string> Deltas, TimeSpan PauseBeforeEach);
