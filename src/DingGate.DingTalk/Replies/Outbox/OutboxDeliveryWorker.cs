using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using DingGate.DingTalk.Replies.Sending;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Outbox;

/// <summary>
/// The delivery loop of one account's reply outbox: sends pending entries when due (webhook while valid, else the
/// OpenAPI, through <see cref="ConversationReplier"/>), woken early when an answer is queued and every
/// <see cref="PollInterval"/> to see entries the operator re-queued offline (<c>dinggate outbox retry</c>). Runs as an
/// owned task of the account runtime, awaited at stop. <see cref="RecoverAsync"/> runs first at start.
/// </summary>
internal sealed partial class OutboxDeliveryWorker(
    DingTalkAccount account, IReplyOutbox outbox, ConversationReplier replier, OutboxWakeup wakeup, ReplyMetrics metrics, TimeProvider time,
    ILogger<OutboxDeliveryWorker> logger, Cluster.ReplicaLeases? leases = null)
{
    /// <summary>Most entries one clustered look claims.</summary>
    private const int ClaimBatch = 32;

    /// <summary>Longest sleep between two looks at the outbox.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private static readonly OutboxState[] Undelivered = [OutboxState.Pending, OutboxState.Ambiguous, OutboxState.Failed];

    /// <summary>
    /// Settles what the last run left mid-send (call before anything sends for the account): entries whose next part
    /// had not started are due now; a part whose call was in flight is ambiguous (held for the operator).
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        // Clustered: only entries no live replica holds (a dead one's, or this replica's own from its last run).
        var recovered = leases is { Clustered: true }
            ? await outbox.RecoverExpiredAsync(account.Id, leases.Owner, time.GetUtcNow(), leases.UntilFromNow, includeOwn: true, cancellationToken)
            : await outbox.RecoverInterruptedAsync(account.Id, time.GetUtcNow(), cancellationToken);
        if (recovered > 0)
        {
            LogRecovered(account.Id, recovered);
        }

        await CountAsync(cancellationToken);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var wait = PollInterval;
                try
                {
                    foreach (var entry in await DueAsync(cancellationToken))
                    {
                        try
                        {
                            await replier.RetryAsync(entry, cancellationToken);
                        }
                        catch (Cluster.ReplyLeaseLostException)
                        {
                            // Clustered: another replica holds it now (this one stalled past its lease); logged, nothing sent.
                        }
                    }

                    await CountAsync(cancellationToken);
                    if (await outbox.NextDueAsync(account.Id, cancellationToken) is { } next)
                    {
                        var until = next - time.GetUtcNow();
                        wait = until < TimeSpan.Zero ? TimeSpan.Zero : until < PollInterval ? until : PollInterval;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // A store or programming error must not end delivery for good: log it and look again later.
                    LogLoopFailed(account.Id, ex);
                }

                await wakeup.WaitAsync(wait, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: pending entries stay in the outbox for the next start.
        }
    }

    /// <summary>Clustered: settles the entries a replica whose lease ran out left mid-send (they become this replica's).</summary>
    public async Task SettleExpiredAsync(CancellationToken cancellationToken)
    {
        if (leases is not { Clustered: true })
        {
            return;
        }

        var recovered = await outbox.RecoverExpiredAsync(account.Id, leases.Owner, time.GetUtcNow(), leases.UntilFromNow, includeOwn: false, cancellationToken);
        if (recovered > 0)
        {
            LogTakenOver(account.Id, recovered);
        }
    }

    // Standalone: every due entry. Clustered: first settle what a dead replica left mid-send, then claim due entries
    // no live replica holds, so two replicas never send one entry.
    private async Task<IReadOnlyList<OutboxEntry>> DueAsync(CancellationToken cancellationToken)
    {
        if (leases is not { Clustered: true })
        {
            return await outbox.ListDueAsync(account.Id, time.GetUtcNow(), cancellationToken);
        }

        if (leases.ClaimsSuspended)
        {
            // This replica id is shared with another live process: their claims cannot be told apart; neither claims.
            return [];
        }

        await SettleExpiredAsync(cancellationToken);
        return await outbox.ClaimDueAsync(account.Id, leases.Owner, time.GetUtcNow(), leases.UntilFromNow, ClaimBatch, cancellationToken);
    }

    private async Task CountAsync(CancellationToken cancellationToken)
    {
        var counts = await outbox.CountAsync(account.Id, cancellationToken);
        metrics.SetUndelivered(account.Id, Undelivered.Sum(s => counts.GetValueOrDefault(s)));
    }

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Account {AccountId}: {Count} reply outbox entries were left mid-send by the last run; settled (due now, or ambiguous when a part was in flight)")]
    private partial void LogRecovered(string accountId, int count);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "Account {AccountId}: {Count} reply outbox entries were left mid-send by a replica whose lease ran out; taken over (due now, or ambiguous when a part was in flight)")]
    private partial void LogTakenOver(string accountId, int count);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Error, Message = "Account {AccountId}: the reply outbox loop failed; trying again shortly")]
    private partial void LogLoopFailed(string accountId, Exception exception);
}
