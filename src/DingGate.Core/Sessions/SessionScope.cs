namespace DingGate.Core.Sessions;

/// <summary>How group conversations map to sessions.</summary>
public enum SessionScope
{
    /// <summary>One session per DM peer and per group.</summary>
    PerPeer,

    /// <summary>One session per DM peer and per member of each group.</summary>
    PerUserInGroup,
}
