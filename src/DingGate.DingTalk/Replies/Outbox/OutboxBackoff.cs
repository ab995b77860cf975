namespace DingGate.DingTalk.Replies.Outbox;

/// <summary>
/// The wait before retry n of an undelivered answer: the first delay doubled per failed attempt, capped, ±20 % jitter
/// (so answers that failed together do not retry together). Defaults: 15 s, 30 s, 1 min … 15 min: 8 attempts ≈ 30 min.
/// </summary>
internal static class OutboxBackoff
{
    public static TimeSpan Delay(int failedAttempts, TimeSpan first, TimeSpan max, double random)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var delay = first * Math.Pow(2, exponent);
        if (delay > max)
        {
            delay = max;
        }

        return delay * (0.8 + (0.4 * random));
    }
}
