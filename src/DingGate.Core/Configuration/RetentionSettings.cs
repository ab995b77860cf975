namespace DingGate.Core.Configuration;

/// <summary>
/// <c>storage.retention</c> as written (durations in ms, or strings such as <c>"7d"</c>, <c>"24h"</c>); unset keys take
/// the defaults of <see cref="RetentionPolicy"/>. Dedup marks have no key here: they live for
/// <c>channels.dingtalk.dedupTtlMs</c> and are purged once expired.
/// </summary>
public sealed class RetentionSettings
{
    /// <summary>How long a finished (Answered/Failed) journal entry is kept after it finished.</summary>
    public TimeSpan? Journal { get; set; }

    /// <summary>How long downloaded media of a message is kept after the message finished.</summary>
    public TimeSpan? Media { get; set; }

    /// <summary>How long a session history message is kept after it was written.</summary>
    public TimeSpan? SessionHistory { get; set; }

    /// <summary>How long a delivered or dropped outbox entry is kept.</summary>
    public TimeSpan? Outbox { get; set; }

    /// <summary>Time between two purge passes.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>Rows (or media folders) deleted per write; each batch is its own short transaction.</summary>
    public int? BatchSize { get; set; }

    /// <summary>The effective policy: these values over the defaults.</summary>
    public RetentionPolicy Resolve()
    {
        var d = RetentionPolicy.Default;
        return new RetentionPolicy(
            Journal ?? d.Journal, Media ?? d.Media, SessionHistory ?? d.SessionHistory, Outbox ?? d.Outbox,
            Interval ?? d.Interval, BatchSize ?? d.BatchSize);
    }
}
