namespace DingGate.DingTalk.Quota;

/// <summary>
/// The month's expected total at the current rate: <c>used / elapsed × month length</c>, where elapsed is the time
/// since the month began (Asia/Shanghai) and at least <see cref="MinElapsed"/>, so the first hours of a month (a few
/// calls in a few minutes) do not project absurd totals. Never less than what is used.
/// </summary>
public static class QuotaForecast
{
    /// <summary>The shortest elapsed time the rate is taken over.</summary>
    public static readonly TimeSpan MinElapsed = TimeSpan.FromDays(1);

    public static long Of(long used, DateTimeOffset now)
    {
        var month = QuotaMonth.Of(now);
        var start = QuotaMonth.Start(month);
        var length = QuotaMonth.End(month) - start;
        var elapsed = now - start;
        if (elapsed < MinElapsed)
        {
            elapsed = MinElapsed;
        }

        if (elapsed >= length)
        {
            return used;
        }

        return Math.Max(used, (long)Math.Ceiling(used * (length.TotalSeconds / elapsed.TotalSeconds)));
    }
}
