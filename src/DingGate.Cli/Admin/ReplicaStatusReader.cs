using DingGate.Cli.Gateway.Replicas;
using DingGate.Core.Cluster;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Admin;

/// <summary>
/// The replicas of <c>/status</c>: this one as it is now, then every other replica whose heartbeat row is live. When the
/// registry cannot be read, this replica alone (the status must answer while the database is away).
/// </summary>
internal sealed partial class ReplicaStatusReader(LocalReplica local, IReplicaRegistry registry, TimeProvider time, ILogger<ReplicaStatusReader> logger)
{
    public async Task<IReadOnlyList<AdminReplicaStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        var self = local.Snapshot();
        IReadOnlyList<ReplicaRecord> rows;
        try
        {
            rows = await registry.ListLiveAsync(time.GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRegistryUnreadable(logger, ex);
            rows = [];
        }

        return [Of(self, true), .. rows.Where(r => r.Id != self.Id).Select(r => Of(r, false))];
    }

    private static AdminReplicaStatus Of(ReplicaRecord r, bool self) => new(
        r.Id, r.Host, r.Pid, r.Version, r.StartedAt, r.HeartbeatAt, [.. r.Accounts.Select(a => new AdminReplicaAccount(a.Id, a.Link))], r.TurnsRunning, self);

    [LoggerMessage(EventId = 6504, Level = LogLevel.Warning, Message = "The replicas' heartbeat rows could not be read; the status lists this replica only")]
    private static partial void LogRegistryUnreadable(ILogger logger, Exception exception);
}
