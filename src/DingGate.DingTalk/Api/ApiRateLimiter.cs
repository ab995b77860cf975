namespace DingGate.DingTalk.Api;

/// <summary>
/// A sliding-window limiter: at most <c>permits</c> calls in any <c>window</c>, counted from when each call went on the
/// wire (<see cref="ApiPermit.MarkSent"/>). A permit granted but not yet sent counts too, so waits between the grant
/// and the send cannot let a later call slip in under the window. The window is DingTalk's (one second per app and API,
/// 20 s per IP) plus a margin for arrival jitter, so the server never sees more than the limit in any of its windows,
/// whether it counts fixed or sliding ones. Waiting calls are served by <see cref="ApiCallPriority"/>, then in arrival
/// order; every wait is on the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ApiRateLimiter
{
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly PriorityQueue<Waiter, (int Priority, long Seq)> _waiters = new();
    private readonly Lock _gate = new();
    private readonly int _permits;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private ITimer? _timer;
    private DateTimeOffset? _timerDue;
    private TaskCompletionSource? _drained;
    private int _inFlight;
    private int _waiting;
    private long _seq;
    private long _waits;

    public ApiRateLimiter(int permits, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _permits = permits;
        _window = window;
        _time = time;
    }

    /// <summary>Calls allowed per window.</summary>
    public int Permits => _permits;

    /// <summary>The window (DingTalk's plus the margin).</summary>
    public TimeSpan Window => _window;

    /// <summary>Grants that had to wait so far (for the metrics).</summary>
    public long Waits => Interlocked.Read(ref _waits);

    /// <summary>True when a call asking now would wait: calls are waiting, or no permit is free.</summary>
    public bool IsBacklogged
    {
        get
        {
            lock (_gate)
            {
                Prune(_time.GetUtcNow());
                return _waiting > 0 || _sent.Count + _inFlight >= _permits;
            }
        }
    }

    /// <summary>True when calls are waiting for a permit.</summary>
    public bool HasWaiters
    {
        get
        {
            lock (_gate)
            {
                return _waiting > 0;
            }
        }
    }

    /// <summary>True when nothing is waiting, in flight or counted in the window (the limiter can be dropped).</summary>
    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                Prune(_time.GetUtcNow());
                return _waiting == 0 && _inFlight == 0 && _sent.Count == 0;
            }
        }
    }

    /// <summary>Waits (on the TimeProvider) until a permit is free for <paramref name="priority"/>, and takes it.</summary>
    public ValueTask<ApiPermit> AcquireAsync(ApiCallPriority priority, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_gate)
        {
            Prune(_time.GetUtcNow());
            if (_waiting == 0 && _sent.Count + _inFlight < _permits)
            {
                _inFlight++;
                return ValueTask.FromResult(new ApiPermit(this));
            }

            waiter = new Waiter();
            _waiters.Enqueue(waiter, (-(int)priority, _seq++));
            if (_waiting++ == 0)
            {
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            Interlocked.Increment(ref _waits);
            ArmTimer();
        }

        return cancellationToken.CanBeCanceled ? WaitAsync(waiter, cancellationToken) : new ValueTask<ApiPermit>(waiter.Task);
    }

    /// <summary>Completes when no call waits for a permit (at once when none does).</summary>
    public Task WhenNoWaitersAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _waiting == 0 || _drained is null ? Task.CompletedTask : _drained.Task.WaitAsync(cancellationToken);
        }
    }

    // ApiPermit.MarkSent: the in-flight permit now counts for one window from now.
    internal void Spend()
    {
        lock (_gate)
        {
            _inFlight--;
            _sent.Enqueue(_time.GetUtcNow());
            Pump();
        }
    }

    // ApiPermit.Dispose before it was sent: the permit is free again.
    internal void Return()
    {
        lock (_gate)
        {
            _inFlight--;
            Pump();
        }
    }

    private async ValueTask<ApiPermit> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        return await waiter.Task;
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Done)
            {
                return;
            }

            waiter.Done = true;
            Left();
        }

        waiter.Fail(cancellationToken);
    }

    // Grants free permits to the first waiters (by priority), then arms the timer for the next permit to come back.
    private void Pump()
    {
        Prune(_time.GetUtcNow());
        while (_waiting > 0 && _sent.Count + _inFlight < _permits && _waiters.TryDequeue(out var waiter, out _))
        {
            if (waiter.Done)
            {
                continue;
            }

            waiter.Done = true;
            _inFlight++;
            Left();
            waiter.Grant(new ApiPermit(this));
        }

        ArmTimer();
    }

    private void Left()
    {
        if (--_waiting == 0)
        {
            _drained?.TrySetResult();
            while (_waiters.TryDequeue(out _, out _))
            {
            }
        }
    }

    // A wake-up when the oldest sent permit leaves the window, while calls wait (none needed when every permit is in
    // flight: its MarkSent or Dispose pumps).
    private void ArmTimer()
    {
        if (_waiting == 0 || _sent.Count == 0)
        {
            return;
        }

        var due = _sent.Peek() + _window;
        if (_timerDue == due)
        {
            return;
        }

        _timerDue = due;
        var delay = due - _time.GetUtcNow();
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        if (_timer is null)
        {
            _timer = _time.CreateTimer(_ => OnTimer(), null, delay, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            _timerDue = null;
            Pump();
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (_sent.Count > 0 && now - _sent.Peek() >= _window)
        {
            _sent.Dequeue();
        }
    }

    private sealed class Waiter
    {
        private readonly TaskCompletionSource<ApiPermit> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ApiPermit> Task => _tcs.Task;

        public bool Done { get; set; }

        public void Grant(ApiPermit permit) => _tcs.TrySetResult(permit);

        public void Fail(CancellationToken cancellationToken) => _tcs.TrySetCanceled(cancellationToken);
    }
}
