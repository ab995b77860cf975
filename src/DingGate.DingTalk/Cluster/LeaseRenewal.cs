using DingGate.Core.Storage;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Cluster;

/// <summary>
/// Keeps this replica's claims alive: every <see cref="ReplicaLeases.RenewEvery"/> (a third of the lease) one UPDATE
/// extends the lease of every unfinished journal entry and every sending or pending outbox entry it holds, of every
/// account. Runs inside <see cref="DingTalkChannel.RunAsync"/> (owned and awaited) while the gateway lives; when the
/// process dies the renewals stop and another replica takes the work over once the lease ran out. A failed renewal is
/// logged and tried again at the next tick (two misses in a row still leave a third of the lease).
/// </summary>
internal sealed partial class LeaseRenewal(ReplicaLeases leases, IInboundJournal journal, IReplyOutbox outbox, ILogger<LeaseRenewal> logger)
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
            var until = leases.UntilFromNow;
            var entries = await journal.RenewLeasesAsync(leases.Owner, until, cancellationToken);
            var replies = await outbox.RenewLeasesAsync(leases.Owner, until, cancellationToken);
            LogRenewed(leases.Owner, entries, replies);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRenewFailed(leases.Owner, ex);
        }
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Debug, Message = "Replica {Replica}: leases renewed on {Entries} journal and {Replies} outbox entries")]
    private partial void LogRenewed(string replica, int entries, int replies);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Replica {Replica}: renewing the leases failed; trying again at the next tick")]
    private partial void LogRenewFailed(string replica, Exception exception);
}
