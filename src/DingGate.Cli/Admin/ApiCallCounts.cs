namespace DingGate.Cli.Admin;

/// <summary>One account's calls in <see cref="ApiCallTally"/> (guarded by locking the instance).</summary>
internal sealed class ApiCallCounts
{
    public long Total { get; set; }

    public long ThisMonth { get; set; }

    /// <summary>yyyyMM of <see cref="ThisMonth"/>.</summary>
    public int Month { get; set; }
}
