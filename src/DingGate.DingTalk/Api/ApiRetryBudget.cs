namespace DingGate.DingTalk.Api;

/// <summary>
/// The retries one call has left: one after a refused token, a few after per-second limits, per-minute limits within
/// <see cref="ApiClientOptions.MaxThrottleWait"/>, a few after 5xx.
/// </summary>
internal sealed class ApiRetryBudget(ApiClientOptions options, bool retryServerErrors, TimeProvider time)
{
    private bool _tokenRetried;
    private int _rateLimitRetries;
    private int _serverErrorRetries;
    private DateTimeOffset? _firstThrottledAt;

    /// <summary>Attempt number of the retry just granted (for logs).</summary>
    public int Attempt { get; private set; }

    public bool TryTokenRetry()
    {
        if (_tokenRetried)
        {
            return false;
        }

        _tokenRetried = true;
        Attempt = 1;
        return true;
    }

    /// <summary>
    /// When a throttled call may be retried: about a second on (per second, Retry-After honoured), 1/2/4 s on
    /// (suspended), or just after the next wall-clock minute starts (per minute); null when it must be thrown (not a
    /// passing limit, retries spent, or later than <see cref="ApiClientOptions.MaxThrottleWait"/> after the first).
    /// </summary>
    public DateTimeOffset? NextThrottleRetry(ApiFailure failure)
    {
        var now = time.GetUtcNow();
        DateTimeOffset until;
        switch (failure.Throttle)
        {
            case ApiThrottle.PerSecond when _rateLimitRetries < options.MaxRateLimitRetries:
                until = now + (failure.RetryAfter is { } after && after > TimeSpan.Zero ? Min(after, options.MaxRetryAfter) : options.RateLimitBackoff);
                _rateLimitRetries++;
                break;
            case ApiThrottle.Suspended when _rateLimitRetries < options.MaxRateLimitRetries:
                until = now + options.RateLimitBackoff * Math.Pow(2, _rateLimitRetries);
                _rateLimitRetries++;
                break;
            case ApiThrottle.PerMinute:
                until = NextMinute(now) + options.MinuteLimitMargin;
                if (failure.RetryAfter is { } minuteAfter && minuteAfter > TimeSpan.Zero && now + Min(minuteAfter, options.MaxRetryAfter) > until)
                {
                    until = now + Min(minuteAfter, options.MaxRetryAfter);
                }

                break;
            default:
                return null;
        }

        until += options.RateLimitJitter * Random.Shared.NextDouble();
        _firstThrottledAt ??= now;
        if (until - _firstThrottledAt.Value > options.MaxThrottleWait)
        {
            return null;
        }

        Attempt++;
        return until;
    }

    /// <summary>The wait before retrying a 5xx or network failure, or null (not allowed for this call, or spent).</summary>
    public TimeSpan? NextServerErrorDelay()
    {
        if (!retryServerErrors || _serverErrorRetries >= options.MaxServerErrorRetries)
        {
            return null;
        }

        Attempt = ++_serverErrorRetries;
        return options.ServerErrorBackoff * Math.Pow(2, _serverErrorRetries - 1);
    }

    /// <summary>The start of the wall-clock minute after <paramref name="now"/> (DingTalk counts whole minutes).</summary>
    public static DateTimeOffset NextMinute(DateTimeOffset now) =>
        new(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute) + TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
