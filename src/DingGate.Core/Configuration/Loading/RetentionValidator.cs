namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Checks <c>storage.retention</c>: no negative or zero durations (media may be 0: deleted once the answer is out),
/// a sane pass interval and batch size, and a journal kept at least as long as any account's dedup marks.
/// </summary>
internal static class RetentionValidator
{
    private const string At = "storage.retention";

    public static void Validate(DinggateConfig config, ConfigErrorList errors)
    {
        var r = config.Storage.Retention;
        Positive(r.Journal, "journal", errors);
        Positive(r.SessionHistory, "sessionHistory", errors);
        Positive(r.Outbox, "outbox", errors);
        errors.Check(r.Media is null || r.Media >= TimeSpan.Zero, ConfigPath.Child(At, "media"), Ms(r.Media), "must be 0 or more (ms, or e.g. \"24h\")");
        errors.Check(r.Interval is null || r.Interval >= RetentionPolicy.MinInterval, ConfigPath.Child(At, "interval"), Ms(r.Interval), $"must be at least {RetentionPolicy.MinInterval.TotalMilliseconds:0} (1 minute)");
        errors.Check(r.BatchSize is null or (>= 1 and <= RetentionPolicy.MaxBatchSize), ConfigPath.Child(At, "batchSize"), r.BatchSize, $"must be between 1 and {RetentionPolicy.MaxBatchSize}");

        // A redelivery is recognised by its journal row (append is ignored) or, once the row is purged, by its dedup
        // mark. Purging a finished row only after every mark of its time has expired means no redelivery can ever
        // find "no row but a live mark", and the mark alone covers the redelivery window (dedupTtlMs is checked
        // against it), so a message is never answered twice because of retention.
        if (r.Journal is { } journal && journal > TimeSpan.Zero && config.Channels.Dingtalk is { } dingtalk)
        {
            var longest = dingtalk.Resolve().Select(a => a.DedupTtl).DefaultIfEmpty(TimeSpan.Zero).Max();
            errors.Check(
                journal >= longest, ConfigPath.Child(At, "journal"), Ms(journal),
                $"must be at least the longest channels.dingtalk dedupTtlMs ({longest.TotalMilliseconds:0}): a message redelivered after its journal entry is purged must still find its dedup mark");
        }
    }

    private static void Positive(TimeSpan? value, string key, ConfigErrorList errors) =>
        errors.Check(value is null || value > TimeSpan.Zero, ConfigPath.Child(At, key), Ms(value), "must be greater than 0 (ms, or e.g. \"7d\")");

    private static long? Ms(TimeSpan? value) => value is { } v ? (long)v.TotalMilliseconds : null;
}
