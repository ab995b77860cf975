namespace DingGate.DingTalk.Api;

/// <summary>The retries one call has left: one after a refused token, a few after QPS limits, a few after 5xx.</summary>
internal sealed class ApiRetryBudget(ApiClientOptions options, bool retryServerErrors)
{
    private bool _tokenRetried;
    private int _rateLimitRetries;
    private int _serverErrorRetries;

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

    /// <summary>The wait before retrying <paramref name="failure"/>, or null when it must be thrown.</summary>
    public TimeSpan? NextDelay(ApiFailure failure)
    {
        if (failure.IsRateLimited && _rateLimitRetries < options.MaxRateLimitRetries)
        {
            Attempt = ++_rateLimitRetries;
            return failure.RetryAfter is { } after && after > TimeSpan.Zero
                ? (after < options.MaxRetryAfter ? after : options.MaxRetryAfter)
                : options.RateLimitBackoff;
        }

        return failure.IsServerError ? NextServerErrorDelay() : null;
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
}
