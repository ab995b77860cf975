namespace DingGate.Chaos.Faults;

/// <summary>What a scheduled fault does; the schedule fires each kind at least once per run.</summary>
internal enum FaultKind
{
    /// <summary>Stream socket aborted without a close frame.</summary>
    SocketDrop,

    /// <summary>SYSTEM disconnect (go-away, then close).</summary>
    Disconnect,

    /// <summary>The Stream link goes dead silently (no PONG, ACKs lost); the keepalive must notice.</summary>
    Blackhole,

    /// <summary>A 5xx on one route, twice in a row.</summary>
    ServerError,

    /// <summary>Webhook and OpenAPI sends both failing for the same message (the lost case).</summary>
    DoubleServerError,

    /// <summary>403 QPS throttling (api host) / 90018 (oapi host).</summary>
    QpsThrottle,

    /// <summary>Every access token revoked: the next call gets 401 and must refresh.</summary>
    TokenRevocation,

    /// <summary>Every session webhook expired: replies must go through the OpenAPI.</summary>
    WebhookExpiry,

    /// <summary>The emulator ignores ACKs, so every message pushed meanwhile is pushed again after the window.</summary>
    DelayedAck,

    /// <summary>kill -9 of the gateway, then a restart on the same state directory.</summary>
    Kill,
}
