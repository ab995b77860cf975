using System.Security.Cryptography;
using System.Text;
using DingGate.Core.Coordination;

namespace DingGate.DingTalk.Api;

/// <summary>
/// The cluster-wide stage of the limiters when several replicas share one app (<c>coordination.redis</c>, or PostgreSQL):
/// after a call got its local permits (<see cref="ApiRateLimiter"/>: the process's queue, priorities and waits are
/// unchanged), it takes one permit of the same window in <see cref="ISharedRateWindows"/>, keyed by app
/// (<c>clientId</c>, as DingTalk counts) and API — or, for a session webhook, by app and conversation — and of the
/// cluster's per-IP window; when the cluster's window is full
/// it waits (on the <see cref="TimeProvider"/>) the time the store says and asks again. Taken right before the send
/// hooks and the wire, so the shared permit counts from about when the call goes out; the window's margin
/// (<c>apiWindowMarginMs</c>) covers the rest.
/// </summary>
internal sealed class ApiSharedLimits(ISharedRateWindows windows, TimeProvider time)
{
    /// <summary>
    /// Whether the session-webhook limit is shared too: only on a store that forgets idle keys (Redis), as there is one
    /// window per conversation; on PostgreSQL it stays per replica.
    /// </summary>
    public bool SharesWebhooks => windows.ForgetsIdleKeys;

    /// <summary>
    /// The window margin of an account whose <c>apiWindowMarginMs</c> is not set when its buckets are shared: the calls
    /// of several processes (often on several hosts) take their permits in one window but reach DingTalk with their own
    /// scheduling and network delays, far more spread than one process's 20 ms default covers (the replicas acceptance
    /// run drew a few 403s with 20 ms). Costs about 9 % of a saturated API's rate.
    /// </summary>
    public static readonly TimeSpan DefaultMargin = TimeSpan.FromMilliseconds(100);

    /// <summary>The shortest wait between two asks (a store answering "retry now" must not spin).</summary>
    public static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(2);

    /// <summary>The shared key of <paramref name="endpoint"/> ("METHOD path") of app <paramref name="clientId"/>.</summary>
    public static string ApiKey(string clientId, string endpoint) => $"api:{clientId}:{endpoint}";

    /// <summary>
    /// The shared key of the session-webhook limit (<c>webhookRateLimit</c> per <c>webhookRateWindowMs</c>) of one
    /// conversation of app <paramref name="clientId"/>: <c>webhook:&lt;clientId&gt;:&lt;conversationId&gt;</c>, so replicas
    /// answering one conversation in turn (each through the webhook of the message it took) count together. Without a
    /// conversation id, the first 32 hex digits of the SHA-256 of the webhook URL (<c>webhook:&lt;clientId&gt;:url-…</c>):
    /// the URL carries the session token, a secret, and never goes into a key.
    /// </summary>
    public static string WebhookKey(string clientId, string? conversationId, Uri webhook) =>
        conversationId is { Length: > 0 }
            ? $"webhook:{clientId}:{conversationId}"
            : $"webhook:{clientId}:url-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(webhook.AbsoluteUri)), 0, 16)}";

    /// <summary>
    /// The shared key of the per-IP guard: one for the whole cluster, the conservative reading (replicas behind one
    /// NAT, as in most Kubernetes clusters, do share an egress IP).
    /// </summary>
    public const string IpKey = "ip";

    /// <summary>Takes one permit of <paramref name="key"/>, waiting while the cluster's window is full; true when it waited.</summary>
    public async ValueTask<bool> TakeAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var waited = false;
        while (true)
        {
            var take = await windows.TryTakeAsync(key, limit, window, cancellationToken);
            if (take.Granted)
            {
                return waited;
            }

            waited = true;
            var wait = take.RetryAfter < MinWait ? MinWait : take.RetryAfter > window ? window : take.RetryAfter;
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
