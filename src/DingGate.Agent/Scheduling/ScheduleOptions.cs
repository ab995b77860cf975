using DingGate.Core.Configuration;

namespace DingGate.Agent.Scheduling;

// The resolved tools.schedule settings and the scheduler's fixed limits.
internal sealed record ScheduleOptions
{
    public const string DefaultTimeZone = "Asia/Shanghai";

    public const int DefaultMaxJobsPerSender = 50;

    // The zone of jobs that name none.
    public required string TimeZone { get; init; }

    public MissedPolicy Missed { get; init; } = MissedPolicy.Late;

    public int MaxJobsPerSender { get; init; } = DefaultMaxJobsPerSender;

    // An occurrence found due later than this is "missed" (the gateway was down or stalled): late note or skip.
    public TimeSpan MissedAfter { get; init; } = TimeSpan.FromMinutes(1);

    // Send attempts per occurrence before it is recorded failed.
    public int MaxAttempts { get; init; } = 4;

    // Backoff before attempt n+1: RetryDelay * 4^(n-1) (10 s, 40 s, 160 s).
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    // The longest the scheduler sleeps without looking (jobs added by another process, clock corrections).
    public TimeSpan MaxSleep { get; init; } = TimeSpan.FromHours(1);

    public static ScheduleOptions From(ScheduleSettings? settings) => new()
    {
        TimeZone = settings?.TimeZone ?? DefaultTimeZone,
        Missed = string.Equals(settings?.Missed, "skip", StringComparison.OrdinalIgnoreCase) ? MissedPolicy.Skip : MissedPolicy.Late,
        MaxJobsPerSender = settings?.MaxJobsPerSender ?? DefaultMaxJobsPerSender,
    };

    public TimeSpan RetryAfter(int attempts) => RetryDelay * Math.Pow(4, Math.Max(0, attempts - 1));
}
