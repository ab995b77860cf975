namespace DingGate.Emulator.Stream;

/// <summary>Life cycle of a Stream connection (spec §8.3).</summary>
internal enum StreamConnectionState
{
    /// <summary>Open and eligible for pushes.</summary>
    Active,

    /// <summary>SYSTEM disconnect sent: no new pushes, the socket closes after the grace period.</summary>
    GoAway,

    /// <summary>Socket closed or dropped.</summary>
    Closed,
}
