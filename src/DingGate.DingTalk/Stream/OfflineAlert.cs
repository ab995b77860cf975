namespace DingGate.DingTalk.Stream;

/// <summary>
/// Throttles the "account still offline" error of the slow retry phase: the first one is raised at once, the next ones
/// at most once per <paramref name="interval"/> (by the caller's clock) until <see cref="Reset"/> (connected again).
/// Not thread-safe: owned by one loop.
/// </summary>
internal sealed class OfflineAlert(TimeSpan interval)
{
    private DateTimeOffset? _last;

    /// <summary>Whether an alert was raised since the last <see cref="Reset"/>.</summary>
    public bool Raised => _last is not null;

    /// <summary>True (and remembered) when an alert is due at <paramref name="now"/>.</summary>
    public bool TryRaise(DateTimeOffset now)
    {
        if (_last is { } last && now - last < interval)
        {
            return false;
        }

        _last = now;
        return true;
    }

    public void Reset() => _last = null;
}
