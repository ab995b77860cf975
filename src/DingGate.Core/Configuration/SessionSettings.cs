namespace DingGate.Core.Configuration;

/// <summary><c>session</c>: how conversations map to sessions and how much work may wait.</summary>
public sealed class SessionSettings
{
    /// <summary><c>per-peer</c> (default: one session per DM peer and per group) or <c>per-user-in-group</c> (each group member has their own).</summary>
    public string? Scope { get; set; }

    /// <summary>Messages that may wait behind the running turn of one session (default 5); more get a "busy" reply.</summary>
    public int? QueueDepth { get; set; }
}
