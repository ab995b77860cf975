namespace DingGate.DingTalk.Api;

/// <summary>Tuning of <see cref="DingTalkApiClient"/>: client-side QPS and retry bounds.</summary>
internal sealed record ApiClientOptions
{
    /// <summary>Calls per second for the whole app (DingTalk standard edition: 20 per app and API).</summary>
    public int QpsLimit { get; init; } = 20;

    /// <summary>Retries after a QPS/429 answer before the error is thrown.</summary>
    public int MaxRateLimitRetries { get; init; } = 3;

    /// <summary>Wait after a QPS answer without Retry-After (DingTalk's advice: 1 s).</summary>
    public TimeSpan RateLimitBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of 5xx/network failures for calls marked <see cref="ApiRequest.RetryServerErrors"/>.</summary>
    public int MaxServerErrorRetries { get; init; } = 3;

    /// <summary>First 5xx backoff, doubled per retry.</summary>
    public TimeSpan ServerErrorBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest Retry-After honoured.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);
}
