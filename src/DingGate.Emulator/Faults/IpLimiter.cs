namespace DingGate.Emulator.Faults;

/// <summary>
/// DingTalk's per-IP limit (KB "调用频率限制" / "调用频次与限流", spec §7): all calls from one source IP, every API and app
/// (session webhooks included), at most <see cref="EmulatorOptions.IpLimit"/> (10 000) in any
/// <see cref="EmulatorOptions.IpLimitWindow"/> (20 s); the call that goes over bans the IP for
/// <see cref="EmulatorOptions.IpBanDuration"/> (5 min), every call meanwhile refused.
/// </summary>
internal sealed class IpLimiter(EmulatorOptions options)
{
    private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Counts the call; false when the IP is banned or this call goes over the limit (which bans it).</summary>
    public bool TryAcquire(string ip)
    {
        if (!options.IpLimitEnabled)
        {
            return true;
        }

        var now = options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            if (!_states.TryGetValue(ip, out var state))
            {
                state = new State();
                _states[ip] = state;
            }

            if (state.BannedUntil > now)
            {
                return false;
            }

            while (state.Calls.Count > 0 && now - state.Calls.Peek() >= options.IpLimitWindow)
            {
                state.Calls.Dequeue();
            }

            if (state.Calls.Count >= options.IpLimit)
            {
                state.BannedUntil = now + options.IpBanDuration;
                state.Calls.Clear();
                return false;
            }

            state.Calls.Enqueue(now);
            return true;
        }
    }

    private sealed class State
    {
        public Queue<DateTimeOffset> Calls { get; } = new();

        public DateTimeOffset BannedUntil { get; set; }
    }
}
