using System.Collections.Concurrent;

namespace DingGate.DingTalk.Api;

/// <summary>
/// The limiters of one account (see docs/replies.md, "Calls and limits"): one bucket per API ("METHOD path": DingTalk
/// counts 20 calls per second per app <b>and</b> API; <c>apiQps</c> raises it for paid editions) with the window
/// widened by <c>apiWindowMarginMs</c>, and one limiter per session webhook (per conversation;
/// <c>webhookRateLimit</c> per <c>webhookRateWindowMs</c>): the webhook carries no app credentials and spends no API
/// bucket. Idle webhook limiters are dropped.
/// </summary>
internal sealed class ApiLimits(int apiQps, TimeSpan apiWindow, int webhookLimit, TimeSpan webhookWindow, TimeProvider time)
{
    private const int PruneEvery = 256;
    private readonly ConcurrentDictionary<string, ApiRateLimiter> _apis = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ApiRateLimiter> _webhooks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _webhookCalls;

    /// <summary>The bucket of <paramref name="endpoint"/> ("METHOD path").</summary>
    public ApiRateLimiter ForEndpoint(string endpoint) =>
        _apis.GetOrAdd(endpoint, static (_, s) => new ApiRateLimiter(s.apiQps, s.apiWindow, s.time), (apiQps, apiWindow, time));

    /// <summary>The limiter of one session webhook (one conversation).</summary>
    public ApiRateLimiter ForWebhook(Uri webhook)
    {
        var key = webhook.AbsoluteUri;
        lock (_gate)
        {
            if (++_webhookCalls % PruneEvery == 0)
            {
                foreach (var idle in _webhooks.Where(p => p.Value.IsIdle).Select(p => p.Key).ToList())
                {
                    _webhooks.Remove(idle);
                }
            }

            if (!_webhooks.TryGetValue(key, out var limiter))
            {
                limiter = new ApiRateLimiter(webhookLimit, webhookWindow, time);
                _webhooks[key] = limiter;
            }

            return limiter;
        }
    }

    /// <summary>True when a call to <paramref name="endpoint"/> asked now would wait for its bucket.</summary>
    public bool IsBacklogged(string endpoint) => _apis.TryGetValue(endpoint, out var limiter) && limiter.IsBacklogged;

    /// <summary>True when some conversation's webhook limiter has calls waiting.</summary>
    public bool AnyWebhookBacklogged
    {
        get
        {
            lock (_gate)
            {
                return _webhooks.Values.Any(l => l.HasWaiters);
            }
        }
    }
}
