namespace DingGate.Core.Configuration.RedisText;

/// <summary>What the value of a StackExchange.Redis configuration option must look like.</summary>
internal enum RedisOptionKind
{
    /// <summary>Any text, empty included (password, user, name…).</summary>
    Text,

    /// <summary>true/false, yes/no, on/off, 1/0.</summary>
    Boolean,

    /// <summary>A 32-bit integer.</summary>
    Integer,

    /// <summary>A 32-bit integer of at least 1 (the sync and async timeouts).</summary>
    PositiveInteger,

    /// <summary>A server version: <c>7.2</c>, <c>7.2.4</c> or a bare major number.</summary>
    Version,

    /// <summary>None, Twemproxy or Envoyproxy.</summary>
    Proxy,

    /// <summary>TLS protocol names joined by <c>|</c>.</summary>
    SslProtocols,

    /// <summary>The RESP version: 2, 3, resp2 or resp3.</summary>
    Protocol,

    /// <summary>A named set of defaults (amr, azure, enterprise, rediscloud).</summary>
    Defaults,

    /// <summary>Disabled, Enabled or Auto.</summary>
    MaintenanceNotifications,

    /// <summary>The address type asked for in maintenance notifications.</summary>
    MaintenanceEndpointType,

    /// <summary>Whole seconds from 0 to 600.</summary>
    MaintenanceSeconds,

    /// <summary>An http proxy to tunnel through (<c>http://host:port</c>), or nothing.</summary>
    Tunnel,

    /// <summary>A deprecated option the client still accepts and ignores, whatever its value.</summary>
    Ignored,
}
