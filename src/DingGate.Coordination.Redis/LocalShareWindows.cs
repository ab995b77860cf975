namespace DingGate.Coordination.Redis;

/// <summary>
/// The limits a replica keeps alone while Redis is out of reach: each shared window at a conservative share,
/// <c>limit / N</c> (at least 1) where N is the number of live replicas last seen in Redis, so that N replicas on their
/// own still stay under the limit together. The outage starts with one window in which nothing is taken: the takes the
/// cluster made in Redis just before are unknown here and leave the window by then. Its own takes are kept, so they can
/// be written back to Redis when it returns (<see cref="Recent"/>). All times from the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class LocalShareWindows(TimeProvider time)
{
    private readonly Dictionary<string, (Queue<DateTimeOffset> Taken, TimeSpan Window)> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _outageStart = DateTimeOffset.MinValue;

    /// <summary>Redis was lost now: nothing is taken for one window (per key), then at the local share.</summary>
    public void BeginOutage()
    {
        lock (_gate)
        {
            _outageStart = time.GetUtcNow();
            _windows.Clear();
        }
    }

    /// <summary>Takes one permit of <paramref name="key"/> at <paramref name="share"/> per <paramref name="window"/>, or says how long to wait.</summary>
    public (bool Granted, TimeSpan RetryAfter) TryTake(string key, int share, TimeSpan window)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var quietUntil = _outageStart == DateTimeOffset.MinValue ? now : _outageStart + window;
            if (now < quietUntil)
            {
                return (false, quietUntil - now);
            }

            if (!_windows.TryGetValue(key, out var entry))
            {
                entry = (new Queue<DateTimeOffset>(), window);
                _windows[key] = entry;
            }

            while (entry.Taken.Count > 0 && now - entry.Taken.Peek() >= window)
            {
                entry.Taken.Dequeue();
            }

            if (entry.Taken.Count < Math.Max(1, share))
            {
                entry.Taken.Enqueue(now);
                return (true, TimeSpan.Zero);
            }

            return (false, entry.Taken.Peek() + window - now);
        }
    }

    /// <summary>This replica's takes still inside their window, per key (written back to Redis when it returns).</summary>
    public IReadOnlyList<(string Key, TimeSpan Window, IReadOnlyList<DateTimeOffset> Taken)> Recent()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return [.. _windows
                .Select(p => (Key: p.Key, p.Value.Window, Taken: (IReadOnlyList<DateTimeOffset>)[.. p.Value.Taken.Where(t => now - t < p.Value.Window)]))
                .Where(p => p.Taken.Count > 0)];
        }
    }
}
