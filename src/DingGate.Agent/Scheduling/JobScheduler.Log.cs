using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Scheduling;

internal sealed partial class JobScheduler
{
    [LoggerMessage(EventId = 5701, Level = LogLevel.Debug, Message = "Job {JobId}: occurrence due {DueAt:o} claimed (late: {Late}); next {Next:o}")]
    private static partial void LogClaimed(ILogger logger, string jobId, DateTimeOffset dueAt, bool late, DateTimeOffset? next);

    [LoggerMessage(EventId = 5702, Level = LogLevel.Information, Message = "Job {JobId}: occurrence due {DueAt:o} sent to {Target} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string jobId, DateTimeOffset dueAt, string target, int attempt);

    [LoggerMessage(EventId = 5703, Level = LogLevel.Warning, Message = "Job {JobId}: occurrence due {DueAt:o} attempt {Attempt} failed, retrying at {RetryAt:o}: {Detail}")]
    private static partial void LogRetry(ILogger logger, string jobId, DateTimeOffset dueAt, int attempt, DateTimeOffset retryAt, string detail);

    [LoggerMessage(EventId = 5704, Level = LogLevel.Error, Message = "Job {JobId}: occurrence due {DueAt:o} to {Target} failed after {Attempts} attempts; recorded failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string jobId, DateTimeOffset dueAt, string target, int attempts);

    [LoggerMessage(EventId = 5705, Level = LogLevel.Warning, Message = "Job {JobId}: occurrence due {DueAt:o} missed while the gateway was down, skipped (tools.schedule.missed = skip); next {Next:o}")]
    private static partial void LogSkipped(ILogger logger, string jobId, DateTimeOffset dueAt, DateTimeOffset? next);

    [LoggerMessage(EventId = 5706, Level = LogLevel.Warning, Message = "Job {JobId}: the process ended while the occurrence due {DueAt:o} was being sent; DingTalk may or may not have it. Recorded ambiguous, not sent again (see dinggate jobs list)")]
    private static partial void LogAmbiguous(ILogger logger, string jobId, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 5707, Level = LogLevel.Error, Message = "Job {JobId} cannot be scheduled: {Reason}")]
    private static partial void LogInvalidJob(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 5708, Level = LogLevel.Warning, Message = "Job {JobId}: the send of the occurrence due {DueAt:o} ended while the gateway was stopping; left in flight (the next start records it ambiguous)")]
    private static partial void LogCutByStop(ILogger logger, Exception exception, string jobId, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 5709, Level = LogLevel.Error, Message = "Scheduled jobs: a round failed; trying again in {Delay}")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, TimeSpan delay);
}
