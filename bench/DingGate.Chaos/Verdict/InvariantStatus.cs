namespace DingGate.Chaos.Verdict;

/// <summary>Outcome of one invariant.</summary>
internal enum InvariantStatus
{
    Holds,
    Fails,

    /// <summary>Could not be checked in this build (named in the detail); never counted as holding.</summary>
    NotChecked,
}
