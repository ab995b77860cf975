namespace DingGate.Core.Configuration;

/// <summary>The effective <c>storage.retention</c> settings (see docs/configuration.md).</summary>
/// <param name="Journal">Finished journal entries are deleted this long after they finished (unfinished ones never).</param>
/// <param name="Media">Downloaded media is deleted this long after its message finished (never while unfinished).</param>
/// <param name="SessionHistory">Session history messages are deleted this long after they were written.</param>
/// <param name="Outbox">Delivered or dropped outbox entries are deleted this long after they ended.</param>
/// <param name="Interval">Time between two purge passes (one also runs at start).</param>
/// <param name="BatchSize">Rows or folders deleted per write.</param>
public sealed record RetentionPolicy(
    TimeSpan Journal, TimeSpan Media, TimeSpan SessionHistory, TimeSpan Outbox, TimeSpan Interval, int BatchSize)
{
    /// <summary>
    /// The longest time DingTalk is known to redeliver a push: bot messages ~60 s after a missing ACK (16 s seen),
    /// event pushes after 10 s and 30 s (docs/dingtalk-protocol §1.10), with a tenfold margin. A dedup mark
    /// (<c>dedupTtlMs</c>) must live at least this long.
    /// </summary>
    public static readonly TimeSpan RedeliveryWindow = TimeSpan.FromMinutes(10);

    /// <summary>The shortest allowed <see cref="Interval"/>.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);

    /// <summary>The largest allowed <see cref="BatchSize"/>: keeps one write short.</summary>
    public const int MaxBatchSize = 10_000;

    /// <summary>Journal 7 d, media 24 h, session history 30 d, outbox 7 d, a pass every hour, 500 rows per write.</summary>
    public static RetentionPolicy Default { get; } = new(
        TimeSpan.FromDays(7), TimeSpan.FromHours(24), TimeSpan.FromDays(30), TimeSpan.FromDays(7), TimeSpan.FromHours(1), 500);
}
