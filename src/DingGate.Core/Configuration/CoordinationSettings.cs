namespace DingGate.Core.Configuration;

/// <summary><c>coordination</c>: what several gateway replicas share besides the database (issue 17).</summary>
public sealed class CoordinationSettings
{
    /// <summary>
    /// <c>coordination.redis</c>: a StackExchange.Redis configuration string (<c>host:port[,option=value…]</c>,
    /// <c>${ENV}</c> for the password). When set, the per-app per-API buckets, the per-IP guard and the quota counters
    /// are shared through this Redis; unset, they fall back to PostgreSQL with <c>storage.provider: "postgres"</c> and
    /// stay per process with SQLite. Its <c>password=</c> is a secret (see <c>ConfigSecrets</c>).
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The default of <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "dinggate:";

    /// <summary>The longest <see cref="KeyPrefix"/> accepted.</summary>
    public const int MaxKeyPrefixLength = 64;

    /// <summary>
    /// <c>coordination.keyPrefix</c>: the start of every Redis key of this cluster (windows, counters, presence); null:
    /// <see cref="DefaultKeyPrefix"/>. Clusters sharing one Redis server (and database) each set their own. 1–64
    /// characters, no whitespace or control characters.
    /// </summary>
    public string? KeyPrefix { get; set; }

    /// <summary><see cref="KeyPrefix"/> or, when unset, <see cref="DefaultKeyPrefix"/>.</summary>
    public string EffectiveKeyPrefix => KeyPrefix ?? DefaultKeyPrefix;
}
