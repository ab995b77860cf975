namespace DingGate.Core.Coordination;

/// <summary>
/// Sliding-window limits shared by every gateway replica (issue 17, "Shared limits"): the per-app per-API buckets and
/// the per-IP guard of DingTalk calls. A take is decided atomically for the whole cluster; the caller keeps its own
/// local queue (priorities, waiting) and asks here only for the permit of the call it is about to send.
/// Implementations: Redis (<c>coordination.redis</c>) and PostgreSQL (the fallback with <c>storage.provider: postgres</c>).
/// </summary>
public interface ISharedRateWindows
{
    /// <summary>
    /// Takes one permit of <paramref name="key"/> when fewer than <paramref name="limit"/> were taken in the
    /// <paramref name="window"/> up to now; otherwise takes nothing and says how long until the oldest leaves it.
    /// </summary>
    ValueTask<SharedWindowTake> TryTakeAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>
    /// True when a key nobody takes any more costs nothing after its window (Redis: the key expires), so windows may be
    /// keyed by something as numerous as a conversation (the session-webhook limit). False (the default): every key
    /// is kept (PostgreSQL: its rows stay), so only the few app, API and IP keys are shared.
    /// </summary>
    bool ForgetsIdleKeys => false;
}
