namespace DingGate.Emulator.Faults;

/// <summary>
/// Per-app, per-API calls-per-second counter (spec §7: 20/s on standard orgs). A fixed one-second window on the
/// emulator clock, which is what DingTalk's "QPS" wording describes and what a client's token bucket must respect.
/// </summary>
internal sealed class QpsLimiter(EmulatorOptions options)
{
    private readonly Dictionary<(string ClientId, string Api), (long Second, int Count)> _windows = [];
    private readonly Lock _gate = new();

    /// <summary>Counts the call; false when it exceeds the limit for the current second.</summary>
    public bool TryAcquire(string clientId, string api)
    {
        if (!options.QpsLimitEnabled)
        {
            return true;
        }

        var second = options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            var key = (clientId, api);
            var window = _windows.TryGetValue(key, out var w) && w.Second == second ? w : (Second: second, Count: 0);
            window.Count++;
            _windows[key] = window;
            return window.Count <= options.QpsLimit;
        }
    }
}
