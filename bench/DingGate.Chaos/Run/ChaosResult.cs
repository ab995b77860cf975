using DingGate.Chaos.Faults;
using DingGate.Chaos.Verdict;

namespace DingGate.Chaos.Run;

/// <summary>What a run did (kills, faults fired, time) and the verdict; <see cref="WorkDirectory"/> holds config, state and gateway log.</summary>
internal sealed record ChaosResult(ChaosOptions Options, ChaosVerdict Verdict, int Kills, IReadOnlyDictionary<FaultKind, int> FaultsFired, TimeSpan BurstTime, TimeSpan WallTime, string WorkDirectory);
