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
}
