using DingGate.Core.Scheduling;

namespace DingGate.Agent.Scheduling;

// One-line descriptions of jobs, in English, for the model (tool results), the CLI and logs.
internal static class JobDescriptions
{
    private const int TextChars = 60;

    // "k3x9m2: message to user:abc, every '0 9 * * 1' (Asia/Shanghai), next 2026-12-07 09:00 (Asia/Shanghai): \"周报\""
    public static string Line(ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var kind = job.Kind == ScheduledJobKind.Agent ? "agent turn" : "message";
        return $"{job.Id}: {kind} to {job.Target}, {When(job)}: \"{Short(job.Text)}\"";
    }

    public static string When(ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Cron is { } cron)
        {
            var next = job.NextOccurrence is { } n ? ", next " + JobClock.Full(n, job.TimeZone) : string.Empty;
            return $"every '{cron}' ({job.TimeZone}){next}";
        }

        return job.At is { } at ? "once at " + JobClock.Full(at, job.TimeZone) : "once";
    }

    public static string Short(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= TextChars ? flat : flat[..(TextChars - 1)] + "…";
    }
}
