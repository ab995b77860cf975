namespace DingGate.DingTalk.Api;

/// <summary>
/// Tuning of <see cref="DingTalkApiClient"/>: retry and throttle-wait bounds (the rates are the account's:
/// <c>apiQps</c>, <c>apiWindowMarginMs</c>, <c>webhookRateLimit</c>).
/// </summary>
internal sealed record ApiClientOptions
{
    /// <summary>Longest a new card's create waits for the account's streaming backlog to drain before it goes anyway.</summary>
    public TimeSpan MaxCreateHold { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after per-second or "suspended" limits (<see cref="ApiThrottle"/>) before the error is thrown.</summary>
    public int MaxRateLimitRetries { get; init; } = 3;

    /// <summary>Wait after a per-second limit without Retry-After (DingTalk's advice: 1 s); doubled per retry when suspended.</summary>
    public TimeSpan RateLimitBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Up to this much is added at random to every throttle wait, so waiting calls do not all retry at once.</summary>
    public TimeSpan RateLimitJitter { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After a per-minute limit the retry goes this long after the next wall-clock minute starts (clock skew).</summary>
    public TimeSpan MinuteLimitMargin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest a call waits on throttling in total, from its first throttled answer; a retry that would go later is not
    /// made and the throttle error is thrown. 150 s lets a per-minute limit be waited out twice.
    /// </summary>
    public TimeSpan MaxThrottleWait { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>Retries of 5xx/network failures for calls marked <see cref="ApiRequest.RetryServerErrors"/>.</summary>
    public int MaxServerErrorRetries { get; init; } = 3;

    /// <summary>First 5xx backoff, doubled per retry.</summary>
    public TimeSpan ServerErrorBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest Retry-After honoured.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);
}
