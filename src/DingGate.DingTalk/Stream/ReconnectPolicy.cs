using DingGate.Core.Configuration;

namespace DingGate.DingTalk.Stream;

/// <summary>
/// Backoff of the Stream reconnect loop. Fast phase (the seed's formula): <c>delay(n) = min(initial·2^n, max)·(1 ±
/// jitter)</c>, n = waits since the last successful connection, for the first <see cref="MaxAttempts"/> consecutive failed
/// attempts; then the slow phase retries every <c>max·(1 ± jitter)</c> for as long as the process runs, as every official
/// SDK does (SDK-node scheduleReconnect, SDK-py start loop, SDK-go reconnect loop, SDK-java pool task). Not thread-safe:
/// owned by one loop.
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
    public TimeSpan NextDelay(int attempt) => Jittered(BaseDelay(attempt));

    /// <summary>Whether <paramref name="failedAttempts"/> consecutive failures end the fast phase (0 or less: never).</summary>
    public bool IsSlowPhase(int failedAttempts) => MaxAttempts > 0 && failedAttempts >= MaxAttempts;

    /// <summary>
    /// The delay before the next attempt after <paramref name="failedAttempts"/> consecutive failures, <paramref name="wait"/>
    /// being the 0-based number of waits since the last connection: the fast formula, or <see cref="MaxDelay"/> (jittered)
    /// once in the slow phase.
    /// </summary>
    public TimeSpan DelayAfter(int wait, int failedAttempts) => IsSlowPhase(failedAttempts) ? Jittered(MaxDelay) : NextDelay(wait);

    private TimeSpan Jittered(TimeSpan delay)
    {
        if (Jitter == 0)
        {
            return delay;
        }

        var factor = 1 + (Jitter * ((2 * _random.NextDouble()) - 1));
        return TimeSpan.FromTicks((long)(delay.Ticks * factor));
    }
}
