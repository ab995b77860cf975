namespace DingGate.DingTalk.Stream;

/// <summary>State of a DingTalk Stream client.</summary>
public enum StreamConnectionState
{
    /// <summary>Not started.</summary>
    Idle,

    /// <summary>Calling connections/open for a ticket.</summary>
    Registering,

    /// <summary>Opening the WebSocket with the ticket.</summary>
    Connecting,

    /// <summary>Socket up, receiving.</summary>
    Connected,

    /// <summary>Waiting out the backoff delay before the next attempt (the fast attempts).</summary>
    Reconnecting,

    /// <summary>The fast attempts failed: retrying every <c>maxReconnectDelay</c> until it connects (not ready meanwhile).</summary>
    Retrying,

    /// <summary>Stopped for good: DingTalk rejected the credentials; see <see cref="StreamStatus.LastError"/>.</summary>
    Failed,

    /// <summary>Stopped by its owner.</summary>
    Stopped,
}
