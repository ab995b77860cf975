using DingGate.Agent.Running;
using DingGate.Core.Replies;
using DingGate.Core.Scheduling;
using DingGate.Core.Texts;
using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Scheduling;

// Fires scheduled jobs, exactly once per occurrence across restarts:
// 1. At start, occurrences left in flight by a process that ended are flagged ambiguous (never sent twice).
// 2. Each due job's occurrence is claimed durably, the job moved to its next occurrence after now in the same
//    transaction (a recurring job missed during a downtime fires once, not once per missed occurrence). Found more than
//    MissedAfter late: delivered with a note (tools.schedule.missed = late) or recorded skipped (skip).
// 3. Each claimed occurrence is delivered: the text, or an agent turn's answer (run before the send is marked, so a
//    crash during the turn reruns it), marked in flight, sent through IMessageSender, marked sent. A failed send is
//    retried with backoff up to MaxAttempts, then recorded failed.
// Between rounds it sleeps on the TimeProvider until the earliest due instant (at most MaxSleep), woken early when a
// job is added or removed.
internal sealed partial class JobScheduler(
    IScheduledJobStore store,
    IMessageSender sender,
    IAgentRunner agent,
    ScheduleOptions options,
    JobWakeSignal wake,
    TimeProvider time,
    ILogger<JobScheduler> logger,
    Sessions.AccountLocales? locales = null)
{
    // Completes once the scheduler has recovered and finished its first round (tests wait on it).
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var interrupted in await store.RecoverInterruptedAsync(time.GetUtcNow(), cancellationToken))
            {
                LogAmbiguous(logger, interrupted.JobId, interrupted.DueAt);
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                var woken = wake.Next();
                try
                {
                    await RoundAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The state store failed (disk full, locked by another process): jobs are not lost, only late.
                    LogRoundFailed(logger, ex, options.RetryDelay);
                    _started.TrySetResult();
                    await Task.Delay(options.RetryDelay, time, cancellationToken);
                    continue;
                }

                _started.TrySetResult();
                await SleepAsync(woken, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: claimed occurrences are delivered at the next start.
        }
        finally
        {
            _started.TrySetResult();
        }
    }

    // One pass: claims what is due, then delivers what is claimed and due (new claims and retries), concurrently.
    internal async Task RoundAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var job in await store.ListDueAsync(now, cancellationToken))
        {
            await ClaimAsync(job, now, cancellationToken);
        }

        var claimed = await store.ListClaimedAsync(time.GetUtcNow(), cancellationToken);
        await Task.WhenAll(claimed.Select(o => DeliverAsync(o, cancellationToken)));
    }

    private async Task SleepAsync(Task woken, CancellationToken cancellationToken)
    {
        var next = await store.NextDueAsync(cancellationToken);
        var delay = next is { } due ? due - time.GetUtcNow() : options.MaxSleep;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var stopSleeping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay < options.MaxSleep ? delay : options.MaxSleep, time, stopSleeping.Token);
        await Task.WhenAny(timer, woken).WaitAsync(cancellationToken);
        await stopSleeping.CancelAsync();
    }

    private async Task ClaimAsync(ScheduledJob job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dueAt = job.NextOccurrence!.Value;
        DateTimeOffset? next;
        try
        {
            next = JobClock.NextAfter(job, now);
        }
        catch (FormatException ex)
        {
            // A row edited by hand: the occurrence is recorded failed and the job stops.
            LogInvalidJob(logger, job.Id, ex.Message);
            if (await store.ClaimAsync(job.Id, dueAt, null, OccurrenceState.Claimed, false, null, now, cancellationToken))
            {
                await FailAsync(job.Id, dueAt, ex.Message, cancellationToken);
            }

            return;
        }

        var missed = now - dueAt > options.MissedAfter;
        if (missed && options.Missed == MissedPolicy.Skip)
        {
            var detail = $"missed: due {JobClock.Full(dueAt, job.TimeZone)}, the gateway was not running (tools.schedule.missed = skip)";
            if (await store.ClaimAsync(job.Id, dueAt, next, OccurrenceState.Skipped, true, detail, now, cancellationToken))
            {
                LogSkipped(logger, job.Id, dueAt, next);
            }

            return;
        }

        if (await store.ClaimAsync(job.Id, dueAt, next, OccurrenceState.Claimed, missed, null, now, cancellationToken))
        {
            LogClaimed(logger, job.Id, dueAt, missed, next);
        }
    }

    private async Task DeliverAsync(JobOccurrence occurrence, CancellationToken cancellationToken)
    {
        var job = await store.FindAsync(occurrence.JobId, cancellationToken);
        if (job is null)
        {
            // Jobs are never deleted, only marked removed; an occurrence without its job is closed, not retried.
            await FailAsync(occurrence.JobId, occurrence.DueAt, "the job no longer exists", cancellationToken);
            return;
        }

        string text;
        try
        {
            text = await ComposeAsync(job, occurrence, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The agent turn failed: nothing was sent; counted as an attempt and retried like a failed send.
            if (await store.BeginSendAsync(job.Id, occurrence.DueAt, time.GetUtcNow(), cancellationToken))
            {
                await AttemptFailedAsync(job, occurrence, ex, cancellationToken);
            }

            return;
        }

        if (!await store.BeginSendAsync(job.Id, occurrence.DueAt, time.GetUtcNow(), cancellationToken))
        {
            return;
        }

        try
        {
            // Not cancelled by the host's stop: a send started is let finish (bounded by the channel's HTTP timeout), so a
            // graceful stop leaves no ambiguous occurrence behind.
            var target = MessageTarget.Parse(job.Target);
            await sender.SendAsync(job.AccountId, target, new OutboundMessage { Text = text }, CancellationToken.None);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            // The host is going down (a kill disposes the channel's HTTP clients under the send): whether DingTalk got
            // it is unknown, so the occurrence stays in flight and the next start flags it ambiguous.
            LogCutByStop(logger, ex, job.Id, occurrence.DueAt);
            return;
        }
        catch (Exception ex)
        {
            await AttemptFailedAsync(job, occurrence, ex, CancellationToken.None);
            return;
        }

        await store.EndSendAsync(job.Id, occurrence.DueAt, OccurrenceState.Sent, null, null, time.GetUtcNow(), CancellationToken.None);
        LogSent(logger, job.Id, occurrence.DueAt, job.Target, occurrence.Attempts + 1);
    }

    private async Task<string> ComposeAsync(ScheduledJob job, JobOccurrence occurrence, CancellationToken cancellationToken)
    {
        var text = job.Text;
        var locale = locales?.For(job.AccountId) ?? BotLocales.Default;
        if (job.Kind == ScheduledJobKind.Agent)
        {
            var reply = new CollectingReplySink();
            var answer = await agent.RunAsync(
                new AgentRequest(ScheduledTurnMessage.For(job, occurrence.DueAt, time.GetUtcNow()), []), reply, cancellationToken);
            text = string.IsNullOrWhiteSpace(answer.Text) ? reply.Text : answer.Text;
            text = string.IsNullOrWhiteSpace(text) ? JobTexts.EmptyAnswer.For(locale) : text.Trim();
        }

        return occurrence.Late
            ? text + "\n\n" + JobTexts.Late.Format(locale, JobClock.Local(occurrence.DueAt, time.GetUtcNow(), job.TimeZone))
            : text;
    }

    private async Task AttemptFailedAsync(ScheduledJob job, JobOccurrence occurrence, Exception error, CancellationToken cancellationToken)
    {
        var attempts = occurrence.Attempts + 1;
        var detail = error.Message;
        if (attempts >= options.MaxAttempts)
        {
            await store.EndSendAsync(job.Id, occurrence.DueAt, OccurrenceState.Failed, null, detail, time.GetUtcNow(), cancellationToken);
            LogFailed(logger, error, job.Id, occurrence.DueAt, job.Target, attempts);
            return;
        }

        var retryAt = time.GetUtcNow() + options.RetryAfter(attempts);
        await store.EndSendAsync(job.Id, occurrence.DueAt, OccurrenceState.Claimed, retryAt, detail, time.GetUtcNow(), cancellationToken);
        LogRetry(logger, job.Id, occurrence.DueAt, attempts, retryAt, detail);
    }

    private async Task FailAsync(string jobId, DateTimeOffset dueAt, string detail, CancellationToken cancellationToken)
    {
        if (await store.BeginSendAsync(jobId, dueAt, time.GetUtcNow(), cancellationToken))
        {
            await store.EndSendAsync(jobId, dueAt, OccurrenceState.Failed, null, detail, time.GetUtcNow(), cancellationToken);
        }
    }
}
