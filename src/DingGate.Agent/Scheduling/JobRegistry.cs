using System.Globalization;
using DingGate.Core.Scheduling;

namespace DingGate.Agent.Scheduling;

// Creates, lists and removes jobs for the schedule tool and /jobs: checks the request, computes the first occurrence,
// stores the job (bounded per sender) and wakes the scheduler.
internal sealed class JobRegistry(IScheduledJobStore store, ScheduleOptions options, JobWakeSignal wake, TimeProvider time)
{
    private const int MaxDelayMinutes = 366 * 24 * 60;

    public ScheduleOptions Options => options;

    public async Task<JobCreation> CreateAsync(JobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return JobCreation.Refused(request.Kind == ScheduledJobKind.Agent ? "The prompt is empty." : "The text is empty.");
        }

        var whens = (request.At is not null ? 1 : 0) + (request.DelayMinutes is not null ? 1 : 0) + (request.Cron is not null ? 1 : 0);
        if (whens != 1)
        {
            return JobCreation.Refused("Give exactly one of at (ISO 8601 time), delayMinutes or cron.");
        }

        var zoneId = string.IsNullOrWhiteSpace(request.TimeZone) ? options.TimeZone : request.TimeZone.Trim();
        if (JobClock.FindZone(zoneId) is not { } zone)
        {
            return JobCreation.Refused($"'{zoneId}' is not a known IANA time zone (e.g. Asia/Shanghai).");
        }

        var now = time.GetUtcNow();
        DateTimeOffset? at = null;
        string? cron = null;
        DateTimeOffset first;
        if (request.DelayMinutes is { } minutes)
        {
            if (minutes is < 1 or > MaxDelayMinutes)
            {
                return JobCreation.Refused($"delayMinutes must be between 1 and {MaxDelayMinutes}.");
            }

            at = first = now.AddMinutes(minutes);
        }
        else if (request.At is { } text)
        {
            if (ParseInstant(text, zone) is not { } instant)
            {
                return JobCreation.Refused($"'{text}' is not an ISO 8601 time (e.g. 2026-12-05T09:00 or 2026-12-05T09:00+08:00).");
            }

            if (instant <= now)
            {
                return JobCreation.Refused($"{JobClock.Full(instant, zoneId)} is in the past (now: {JobClock.Full(now, zoneId)}).");
            }

            at = first = instant;
        }
        else
        {
            cron = request.Cron!.Trim();
            if (JobClock.TryParse(cron, out var error) is not { } expression)
            {
                return JobCreation.Refused($"'{cron}' is not a cron expression ({error}); use 5 fields: minute hour day-of-month month day-of-week.");
            }

            if (expression.GetNextOccurrence(now, zone, inclusive: false) is not { } next)
            {
                return JobCreation.Refused($"'{cron}' never fires again.");
            }

            first = next;
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var job = new ScheduledJob
            {
                Id = JobIds.New(),
                AccountId = request.AccountId,
                Target = request.Target.ToString(),
                Creator = request.Creator,
                Kind = request.Kind,
                Text = request.Text.Trim(),
                At = at,
                Cron = cron,
                TimeZone = zoneId,
                NextOccurrence = first,
                CreatedAt = now,
            };
            switch (await store.AddAsync(job, options.MaxJobsPerSender, cancellationToken))
            {
                case JobAddResult.Added:
                    wake.Wake();
                    return new JobCreation(job, null);
                case JobAddResult.LimitReached:
                    return JobCreation.Refused(
                        $"The sender already has {options.MaxJobsPerSender} active jobs (the most allowed); remove one first.");
            }
        }

        return JobCreation.Refused("Could not pick a free job id; try again.");
    }

    // The active jobs of a creator (null: everyone's) on an account.
    public async Task<IReadOnlyList<ScheduledJob>> ListActiveAsync(string accountId, string? creator, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(accountId, creator, includeRemoved: false, cancellationToken)).Where(j => j.State == ScheduledJobState.Active)];

    public async Task<JobRemoval> RemoveAsync(string accountId, string id, string? requester, bool requesterIsOwner, CancellationToken cancellationToken)
    {
        var job = await store.FindAsync(id.Trim().ToLowerInvariant(), cancellationToken);
        if (job is null || job.AccountId != accountId || job.State == ScheduledJobState.Removed)
        {
            return JobRemoval.NotFound;
        }

        if (!requesterIsOwner && !string.Equals(job.Creator, requester, StringComparison.OrdinalIgnoreCase))
        {
            return JobRemoval.NotYours;
        }

        if (!await store.RemoveAsync(job.Id, time.GetUtcNow(), cancellationToken))
        {
            return JobRemoval.NotFound;
        }

        wake.Wake();
        return JobRemoval.Removed;
    }

    private static DateTimeOffset? ParseInstant(string text, TimeZoneInfo zone)
    {
        var trimmed = text.Trim();
        if (!DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return null;
        }

        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            // No offset: a wall-clock time in the job's zone (a time skipped by a DST change moves forward).
            return zone.IsInvalidTime(parsed)
                ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(parsed.AddHours(1), zone))
                : new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(parsed, zone));
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) ? withOffset : null;
    }
}
