namespace DingGate.DingTalk.Api;

/// <summary>
/// Per-app token bucket shared by every call of one account: <c>permitsPerSecond</c> tokens, each spent token coming
/// back exactly one second after it was spent. That keeps any one-second window (DingTalk counts fixed seconds)
/// at or under the limit, which a continuously refilled bucket with the same burst would not.
/// </summary>
internal sealed class ApiRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Queue<DateTimeOffset> _spent = new();
    private readonly Lock _gate = new();
    private readonly int _permits;
    private readonly TimeProvider _time;
    private int _waiting;

    public ApiRateLimiter(int permitsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerSecond, 1);
        _permits = permitsPerSecond;
        _time = time;
    }

    /// <summary>True when callers are waiting for a token or none is free in the current second.</summary>
    public bool IsBacklogged
    {
        get
        {
            if (Volatile.Read(ref _waiting) > 0)
            {
                return true;
            }

            lock (_gate)
            {
                var now = _time.GetUtcNow();
                return _spent.Count(at => now - at < Window) >= _permits;
            }
        }
    }

    /// <summary>Waits (on the TimeProvider) until a token is free and spends it.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var counted = false;
        try
        {
            while (true)
            {
                TimeSpan delay;
                lock (_gate)
                {
                    var now = _time.GetUtcNow();
                    while (_spent.Count > 0 && now - _spent.Peek() >= Window)
                    {
                        _spent.Dequeue();
                    }

                    if (_spent.Count < _permits)
                    {
                        _spent.Enqueue(now);
                        return;
                    }

                    delay = _spent.Peek() + Window - now;
                }

                if (!counted)
                {
                    Interlocked.Increment(ref _waiting);
                    counted = true;
                }

                await Task.Delay(delay, _time, cancellationToken);
            }
        }
        finally
        {
            if (counted)
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }
}
