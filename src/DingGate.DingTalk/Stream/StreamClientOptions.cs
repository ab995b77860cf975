namespace DingGate.DingTalk.Stream;

/// <summary>
/// Tuning of the Stream client. The reconnect knobs and the keep-alive interval come from the account
/// (<c>maxConnectionAttempts</c>, <c>initialReconnectDelay</c>, <c>maxReconnectDelay</c>, <c>reconnectJitter</c>,
/// <c>keepAliveInterval</c>). DingTalk documents no interval for its own SYSTEM pings and real links can stay silent
/// for minutes, so nothing here expects server frames: liveness is the WebSocket PING/PONG (see <see cref="StreamSession"/>).
/// </summary>
internal sealed class StreamClientOptions
{
    /// <summary>Bounded capacity of <see cref="StreamClient.Deliveries"/>; a full channel pauses the reader (back-pressure).</summary>
    public int DeliveryCapacity { get; set; } = 1000;

    /// <summary>WebSocket handshake timeout.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a clean close may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest frame processed; a larger one is journaled as failed and ACKed with the reason (see <see cref="StreamFrameHandler.HandleOversizedAsync"/>).</summary>
    public int MaxFrameBytes { get; set; } = 1024 * 1024;

    /// <summary>While retrying after the fast attempts, at most one error log per this period (the rest at Debug).</summary>
    public TimeSpan OfflineAlertInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Jitter source (seed it in tests); null → <see cref="Random.Shared"/>.</summary>
    public Random? Random { get; set; }
}
