namespace DingGate.DingTalk.Api;

/// <summary>
/// Per account: the endpoints DingTalk throttled and until when. DingTalk refuses every call of a throttled app and
/// API until its window passes ("所有请求都被暂时禁用了"), so a call to a blocked endpoint waits (on the
/// <see cref="TimeProvider"/>) before it is sent instead of spending another refused call, and all the calls waiting
/// on one endpoint go when it opens. <see cref="End"/> (the account stops) releases every wait and refuses new ones.
/// </summary>
internal sealed class ApiThrottleGate(TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> _blockedUntil = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once <see cref="End"/> was called: throttled calls are no longer retried.</summary>
    public bool IsEnded => _ended.Task.IsCompleted;

    /// <summary>Blocks <paramref name="endpoint"/> until <paramref name="until"/> (never shortens a longer block).</summary>
    public void Block(string endpoint, DateTimeOffset until)
    {
        lock (_gate)
        {
            if (!_blockedUntil.TryGetValue(endpoint, out var current) || current < until)
            {
                _blockedUntil[endpoint] = until;
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="endpoint"/> is open. Returns false, without waiting further, when
    /// <paramref name="supersededBy"/> completes first (the caller has something newer to send); true when open.
    /// </summary>
    public async Task<bool> WaitAsync(string endpoint, Task? supersededBy, CancellationToken cancellationToken)
    {
        while (!IsEnded && BlockedFor(endpoint) is { } wait)
        {
            if (supersededBy?.IsCompleted == true)
            {
                return false;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(wait, time, stop.Token);
            var first = await Task.WhenAny(delay, supersededBy ?? delay, _ended.Task);
            await stop.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (first == supersededBy)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="endpoint"/> is held shut now.</summary>
    public bool IsBlocked(string endpoint) => BlockedFor(endpoint) is not null;

    /// <summary>Until when <paramref name="endpoint"/> is held shut, or null when it is open now.</summary>
    public DateTimeOffset? ThrottledUntil(string endpoint)
    {
        lock (_gate)
        {
            return _blockedUntil.TryGetValue(endpoint, out var until) && until > time.GetUtcNow() ? until : null;
        }
    }

    /// <summary>Releases every wait and stops further ones (the account is stopping).</summary>
    public void End() => _ended.TrySetResult();

    private TimeSpan? BlockedFor(string endpoint)
    {
        lock (_gate)
        {
            if (!_blockedUntil.TryGetValue(endpoint, out var until))
            {
                return null;
            }

            var left = until - time.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                return left;
            }

            _blockedUntil.Remove(endpoint);
            return null;
        }
    }
}
