namespace DingGate.DingTalk.Stream;

/// <summary>How a socket session ended.</summary>
internal enum SessionEnd
{
    /// <summary>We closed it (shutdown or after a warm reconnect).</summary>
    ClosedByClient,

    /// <summary>The server sent a close frame.</summary>
    ClosedByServer,

    /// <summary>The link broke (reset, abort, or no PONG to the WebSocket keep-alive PING: a dead link).</summary>
    Dropped,
}
