using DingGate.Core.Configuration;

namespace DingGate.DingTalk.Stream;

/// <summary>
/// Backoff of the Stream reconnect loop (the seed's formula): <c>delay(n) = min(initial·2^n, max)·(1 ± jitter)</c>,
/// n = waits since the last successful connection; give up after <see cref="MaxAttempts"/> consecutive failed attempts
/// (0 or less: never). Not thread-safe: owned by one loop.
/// </summary>
internal sealed class ReconnectPolicy
{
    private readonly Random _random;

    public ReconnectPolicy(TimeSpan initialDelay, TimeSpan maxDelay, double jitter, int maxAttempts, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, TimeSpan.Zero);
        InitialDelay = initialDelay;
        MaxDelay = maxDelay;
        Jitter = Math.Clamp(double.IsFinite(jitter) ? jitter : 0, 0, 1);
        MaxAttempts = maxAttempts;
        _random = random;
    }

    public TimeSpan InitialDelay { get; }

    public TimeSpan MaxDelay { get; }

    public double Jitter { get; }

    public int MaxAttempts { get; }

    public static ReconnectPolicy For(DingTalkAccount account, Random random) =>
        new(account.InitialReconnectDelay, account.MaxReconnectDelay, account.ReconnectJitter, account.MaxConnectionAttempts, random);

    /// <summary>The capped delay before jitter.</summary>
    public TimeSpan BaseDelay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var ticks = InitialDelay.Ticks * Math.Pow(2, Math.Min(attempt, 62));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The delay before retry number <paramref name="attempt"/> (0-based), jitter applied.</summary>
    public TimeSpan NextDelay(int attempt)
    {
        var baseDelay = BaseDelay(attempt);
        if (Jitter == 0)
        {
            return baseDelay;
        }

        var factor = 1 + (Jitter * ((2 * _random.NextDouble()) - 1));
        return TimeSpan.FromTicks((long)(baseDelay.Ticks * factor));
    }

    /// <summary>Whether <paramref name="failedAttempts"/> consecutive failures mean giving up.</summary>
    public bool IsExhausted(int failedAttempts) => MaxAttempts > 0 && failedAttempts >= MaxAttempts;
}
