using System.Globalization;
using Cronos;
using DingGate.Core.Scheduling;

namespace DingGate.Agent.Scheduling;

// When jobs fire: cron expressions (Cronos: 5 fields, or 6 with seconds) read in the job's IANA zone, so "0 9 * * *"
// stays 09:00 local across daylight-saving changes; and how instants are shown to users (in the job's zone).
internal static class JobClock
{
    // Parses a cron expression; null with the reason when it is not one.
    public static CronExpression? TryParse(string cron, out string? error)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            error = null;
            return CronExpression.Parse(cron.Trim(), fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    // The zone with that IANA id, or null.
    public static TimeZoneInfo? FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    // The job's first occurrence strictly after `after` (a one-shot job: its instant, if after it).
    public static DateTimeOffset? NextAfter(ScheduledJob job, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Cron is null)
        {
            return job.At is { } at && at > after ? at : null;
        }

        var expression = TryParse(job.Cron, out _) ?? throw new FormatException($"Job {job.Id} has an invalid cron expression '{job.Cron}'.");
        var zone = FindZone(job.TimeZone) ?? throw new FormatException($"Job {job.Id} has an unknown time zone '{job.TimeZone}'.");
        return expression.GetNextOccurrence(after, zone, inclusive: false);
    }

    // "09:00" when `instant` is today in the job's zone, else "2026-12-05 09:00".
    public static string Local(DateTimeOffset instant, DateTimeOffset now, string timeZone)
    {
        var zone = FindZone(timeZone) ?? TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone);
        return local.ToString(local.Date == today.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    // "2026-12-05 09:00 (Asia/Shanghai)", for listings.
    public static string Full(DateTimeOffset instant, string timeZone)
    {
        var zone = FindZone(timeZone) ?? TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (" + timeZone + ")";
    }
}
