namespace DingGate.Emulator.Cards;

/// <summary>
/// Optional per-robot limit on card streaming calls (spec §8.10 MAY): a fixed one-second window on the emulator clock.
/// </summary>
internal sealed class CardStreamingLimiter(CardSwitches switches, EmulatorOptions options)
{
    private readonly Dictionary<string, (long Second, int Count)> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Counts the call; false when the robot exceeded the limit for the current second.</summary>
    public bool TryAcquire(string robotCode)
    {
        if (!switches.StreamingRateLimitEnabled)
        {
            return true;
        }

        var second = options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            var window = _windows.TryGetValue(robotCode, out var w) && w.Second == second ? w : (Second: second, Count: 0);
            window.Count++;
            _windows[robotCode] = window;
            return window.Count <= switches.StreamingRateLimitPerSecond;
        }
    }
}
