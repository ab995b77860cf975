using DingGate.DingTalk.Inbound;
using DingGate.DingTalk.Replies.Outbox;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Cluster;

/// <summary>
/// One account's takeover of what dead replicas left (clustered only): at the start, everything whose lease ran out
/// plus what this replica id still holds from its last run; then every <see cref="ReplicaLeases.TakeoverEvery"/> (half
/// a lease) whatever another replica stopped renewing. Each round first settles the reply outbox entries a dead replica
/// left mid-send (as a standalone start does), then claims journal entries in batches and runs them through the
/// dispatcher's lanes like resumed ones (outbox check, poison check, journal states, their cards and reactions).
/// Owned by the account runtime and awaited at stop; a failed round is logged and tried again at the next tick.
/// </summary>
internal sealed partial class AccountTakeover(string accountId, ReplicaLeases leases, InboundDispatcher dispatcher, OutboxDeliveryWorker outbox, ILogger<AccountTakeover> logger)
{
    /// <summary>The start's round (before the stream opens); throws like the standalone start on a store failure.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await outbox.RecoverAsync(cancellationToken);
        await ClaimAllAsync(includeOwn: true, cancellationToken);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(leases.TakeoverEvery, leases.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    if (leases.ClaimsSuspended)
                    {
                        continue; // this replica id is shared with another live process: neither takes over anything
                    }

                    await outbox.SettleExpiredAsync(cancellationToken);
                    await ClaimAllAsync(includeOwn: false, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogRoundFailed(accountId, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what this replica claimed and did not finish stays leased to it until the lease runs out.
        }
    }

    private async Task ClaimAllAsync(bool includeOwn, CancellationToken cancellationToken)
    {
        while (await dispatcher.TakeOverAsync(includeOwn, cancellationToken) == InboundDispatcher.TakeoverBatch)
        {
        }
    }

    [LoggerMessage(EventId = 1703, Level = LogLevel.Error, Message = "Account {AccountId}: taking over a dead replica's messages failed; trying again shortly")]
    private partial void LogRoundFailed(string accountId, Exception exception);
}
