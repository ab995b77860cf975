namespace DingGate.Emulator.Stream;

/// <summary>Outcome of a push as listed by <c>GET /_emulator/pushes</c>.</summary>
internal enum StreamPushState
{
    /// <summary>Waiting for an ACK, a redelivery or a connection.</summary>
    Pending,

    /// <summary>An accepted ACK arrived.</summary>
    Acked,

    /// <summary>Delivered at least once but never accepted (events also land in the failed-events list).</summary>
    Failed,

    /// <summary>No eligible connection appeared within the window: never delivered.</summary>
    Dropped,
}
