namespace DingGate.DingTalk.Stream;

/// <summary>How a socket session ended.</summary>
internal enum SessionEnd
{
    /// <summary>We closed it (shutdown or after a warm reconnect).</summary>
    ClosedByClient,

    /// <summary>The server sent a close frame.</summary>
    ClosedByServer,

    /// <summary>The link broke (reset, abort, keep-alive pong missing).</summary>
    Dropped,

    /// <summary>No frame within the liveness window: declared dead and aborted.</summary>
    Dead,
}
