using DingGate.Chaos.Rig;

namespace DingGate.Chaos.Faults;

/// <summary>
/// One step of the schedule: fired just before the message at <see cref="At"/> (share of the burst, 0–1) is injected.
/// <see cref="Apply"/> is null for kills (the run does those itself); <see cref="Count"/> is the route fault's count.
/// </summary>
internal sealed record ScheduledFault(double At, FaultKind Kind, string Description, Func<EmulatorControl, CancellationToken, Task<IReadOnlyList<string>>>? Apply, int Count = 0);
