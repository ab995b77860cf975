using DingGate.Core.Coordination;

namespace DingGate.DingTalk.Api;

/// <summary>
/// The cluster-wide stage of the limiters when several replicas share one app (<c>coordination.redis</c>, or PostgreSQL):
/// after a call got its local permits (<see cref="ApiRateLimiter"/>: the process's queue, priorities and waits are
/// unchanged), it takes one permit of the same window in <see cref="ISharedRateWindows"/>, keyed by app
/// (<c>clientId</c>, as DingTalk counts) and API, and of the cluster's per-IP window; when the cluster's window is full
/// it waits (on the <see cref="TimeProvider"/>) the time the store says and asks again. Taken right before the send
/// hooks and the wire, so the shared permit counts from about when the call goes out; the window's margin
/// (<c>apiWindowMarginMs</c>) covers the rest.
/// </summary>
internal sealed class ApiSharedLimits(ISharedRateWindows windows, TimeProvider time)
{
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
