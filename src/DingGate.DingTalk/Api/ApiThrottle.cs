namespace DingGate.DingTalk.Api;

/// <summary>Which limit a refused call hit, as far as its status and code tell (see <see cref="ApiThrottleCodes"/>).</summary>
internal enum ApiThrottle
{
    /// <summary>Not a limit.</summary>
    None,

    /// <summary>A per-second limit (403 <c>…QpsLimit…</c>, HTTP 429, oapi 90018): wait about a second and retry.</summary>
    PerSecond,

    /// <summary>A per-minute limit (403 <c>…QpmLimit…</c>, oapi 90005/90006): wait for the next wall-clock minute and retry.</summary>
    PerMinute,

    /// <summary>
    /// "Calls temporarily disabled" without a stated window (oapi 90001–90004, 90007–90014): back off 1 s, 2 s, 4 s,
    /// as DingTalk's frequency-limit page advises.
    /// </summary>
    Suspended,

    /// <summary>The org's monthly call quota is spent (<c>ApiCountLimitForOrg</c>, oapi 90020): never retried.</summary>
    Quota,
}
