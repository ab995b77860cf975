namespace DingGate.Bench.Scenarios;

/// <summary>What a load run sent, how long its measured window was, and how many users were busy when a send was due.</summary>
internal sealed record LoadResult(IReadOnlyList<SentMessage> Messages, long StartedAt, TimeSpan Window, int SkippedBusy);
