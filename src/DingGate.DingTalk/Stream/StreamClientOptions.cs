namespace DingGate.DingTalk.Stream;

/// <summary>Tuning of the Stream client; the reconnect knobs come from the account.</summary>
internal sealed class StreamClientOptions
{
    /// <summary>Bounded capacity of <see cref="StreamClient.Deliveries"/>; a full channel pauses the reader (back-pressure).</summary>
    public int DeliveryCapacity { get; set; } = 1000;

    /// <summary>Expected interval of the server's SYSTEM ping (undocumented, observed 30 s).</summary>
    public TimeSpan ServerPingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Missed server pings after which a silent link is declared dead (spec §1.7: ≥ 2).</summary>
    public int MissedPingsBeforeDead { get; set; } = 2;

    /// <summary>No frame at all for this long → dead → reconnect. Default 2.5 ping intervals (75 s).</summary>
    public TimeSpan DeadAfter => ServerPingInterval * (MissedPingsBeforeDead + 0.5);

    /// <summary>WebSocket control ping interval (spec §1.7); zero disables.</summary>
    public TimeSpan WebSocketKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Time to wait for the pong of a WebSocket ping before aborting the socket.</summary>
    public TimeSpan WebSocketKeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>WebSocket handshake timeout.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a clean close may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest accepted frame; larger ones are dropped unparsed.</summary>
    public int MaxFrameBytes { get; set; } = 1024 * 1024;

    /// <summary>Jitter source (seed it in tests); null → <see cref="Random.Shared"/>.</summary>
    public Random? Random { get; set; }
}
