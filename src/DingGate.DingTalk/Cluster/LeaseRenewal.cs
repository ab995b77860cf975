using DingGate.Core.Storage;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Cluster;

/// <summary>
/// Keeps this replica's claims alive: every <see cref="ReplicaLeases.RenewEvery"/> (a third of the lease) one UPDATE
/// extends the lease of every unfinished journal entry and every sending or pending outbox entry it holds, of every
/// account. Runs inside <see cref="DingTalkChannel.RunAsync"/> (owned and awaited) while the gateway lives; when the
/// process dies the renewals stop and another replica takes the work over once the lease ran out. A failed renewal is
/// logged and tried again at the next tick (two misses in a row still leave a third of the lease). An outbox lease that
/// ran out is not revived (the entry is up for claiming; the outbox's fence refuses its parts).
/// <para>
/// Fencing: after each renewal, the journal entries of the replies this process is generating (<see cref="HeldTurns"/>)
/// are looked up; one another replica holds now (this process stalled past its lease — GC pause, frozen VM — and it was
/// taken over) has its turn stopped and its reply abandoned (<see cref="FencedReplySink"/>), logged once.
/// </para>
/// </summary>
internal sealed partial class LeaseRenewal(ReplicaLeases leases, IInboundJournal journal, IReplyOutbox outbox, ILogger<LeaseRenewal> logger, HeldTurns? held = null)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(leases.RenewEvery, leases.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await RenewOnceAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the leases run out by themselves; a restart with the same replica id takes its entries back at once.
        }
    }

    public async Task RenewOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var mark = held?.Mark() ?? 0;
            var now = leases.Now;
            var until = now + leases.Lease;
            var entries = await journal.RenewLeasesAsync(leases.Owner, until, cancellationToken);
            var replies = await outbox.RenewLeasesAsync(leases.Owner, now, until, cancellationToken);
            LogRenewed(leases.Owner, entries, replies);
            if (held is not null)
            {
                await FenceTakenAsync(held, mark, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRenewFailed(leases.Owner, ex);
        }
    }

    // The turns registered before this renewal whose entry another replica holds now: stopped, their replies dropped.
    private async Task FenceTakenAsync(HeldTurns turns, long mark, CancellationToken cancellationToken)
    {
        foreach (var (accountId, keys) in turns.HeldAt(mark))
        {
            foreach (var key in await journal.ListTakenAsync(accountId, leases.Owner, keys, cancellationToken))
            {
                if (turns.Fence(accountId, key, mark) > 0)
                {
                    LogTurnFenced(leases.Owner, accountId, key);
                }
            }
        }
    }

    [LoggerMessage(EventId = 1705, Level = LogLevel.Warning,
        Message = "Replica {Replica}: another replica took over message {MessageKey} of account {AccountId} (this one stalled past its lease); its turn here is stopped and its reply not sent")]
    private partial void LogTurnFenced(string replica, string accountId, string messageKey);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Debug, Message = "Replica {Replica}: leases renewed on {Entries} journal and {Replies} outbox entries")]
    private partial void LogRenewed(string replica, int entries, int replies);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Replica {Replica}: renewing the leases failed; trying again at the next tick")]
    private partial void LogRenewFailed(string replica, Exception exception);
}
