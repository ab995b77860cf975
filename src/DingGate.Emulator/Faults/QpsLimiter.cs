namespace DingGate.Emulator.Faults;

/// <summary>
/// Per-app, per-API calls-per-second counter (spec §7: 20/s on standard orgs). By default a fixed one-second window on
/// the emulator clock, which is what DingTalk's "QPS" wording describes; with <see cref="EmulatorOptions.QpsSlidingWindow"/>
/// any one-second window (a call is refused when <see cref="EmulatorOptions.QpsLimit"/> calls were accepted in the
/// second before it), the stricter reading a client must pass too.
/// </summary>
internal sealed class QpsLimiter(EmulatorOptions options)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly Dictionary<(string ClientId, string Api), (long Second, int Count)> _windows = [];
    private readonly Dictionary<(string ClientId, string Api), Queue<DateTimeOffset>> _accepted = [];
    private readonly Lock _gate = new();

    /// <summary>Counts the call; false when it exceeds the limit for the current window.</summary>
    public bool TryAcquire(string clientId, string api)
    {
        if (!options.QpsLimitEnabled)
        {
            return true;
        }

        var now = options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            var key = (clientId, api);
            if (options.QpsSlidingWindow)
            {
                return TrySliding(key, now);
            }

            var second = now.ToUnixTimeSeconds();
            var window = _windows.TryGetValue(key, out var w) && w.Second == second ? w : (Second: second, Count: 0);
            window.Count++;
            _windows[key] = window;
            return window.Count <= options.QpsLimit;
        }
    }

    // Refused calls are not counted: DingTalk refuses them without serving them.
    private bool TrySliding((string ClientId, string Api) key, DateTimeOffset now)
    {
        if (!_accepted.TryGetValue(key, out var accepted))
        {
            accepted = new Queue<DateTimeOffset>();
            _accepted[key] = accepted;
        }

        while (accepted.Count > 0 && now - accepted.Peek() >= Second)
        {
            accepted.Dequeue();
        }

        if (accepted.Count >= options.QpsLimit)
        {
            return false;
        }

        accepted.Enqueue(now);
        return true;
    }
}
