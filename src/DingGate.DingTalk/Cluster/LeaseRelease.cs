using DingGate.Core.Storage;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Cluster;

/// <summary>
/// Gives up this replica's leases on one account's unfinished work (journal entries, reply outbox entries) when a
/// config reload removed or disabled the account here: its runtime stopped and its answers finished, so what is left
/// is nobody's here, and another replica that still runs the account takes it over at its next look instead of after
/// this process stops (until then the renewals would have kept it). Clustered gateways only.
/// </summary>
internal sealed partial class LeaseRelease(ReplicaLeases leases, IInboundJournal journal, IReplyOutbox outbox, ILogger<LeaseRelease> logger)
{
    /// <summary>Releases the account's leases; a failure is logged (the leases then run out after this process stops).</summary>
    public async Task ReleaseAsync(string accountId, CancellationToken cancellationToken)
    {
        try
        {
            var entries = await journal.ReleaseLeasesAsync(accountId, leases.Owner, cancellationToken);
            var replies = await outbox.ReleaseLeasesAsync(accountId, leases.Owner, cancellationToken);
            LogReleased(accountId, leases.Owner, entries, replies);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogReleaseFailed(accountId, leases.Owner, ex);
        }
    }

    [LoggerMessage(EventId = 1704, Level = LogLevel.Information, Message = "Account {AccountId} stopped by a reload: replica {Replica} released {Entries} unfinished journal and {Replies} outbox entries to the other replicas")]
    private partial void LogReleased(string accountId, string replica, int entries, int replies);

    [LoggerMessage(EventId = 1705, Level = LogLevel.Warning, Message = "Account {AccountId} stopped by a reload: replica {Replica} could not release its unfinished entries; they stay leased to it")]
    private partial void LogReleaseFailed(string accountId, string replica, Exception exception);
}
