using DingGate.Core.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway.Replicas;

/// <summary>
/// Writes this replica's heartbeat row at start and then every third of its lease, so the row stays live through two
/// missed beats; removes it when the host stops cleanly (a replica killed leaves a row that expires with its lease).
/// Rows expired for <see cref="DeadRowRetention"/> are purged as it goes. With SQLite (one process per state file) the
/// rows of earlier runs of this state directory are removed at start: they are this gateway before a crash.
/// A failed write is logged and retried at the next beat; it never stops the loop.
/// <para>
/// One id, one process: each process writes its random <see cref="ReplicaIdentity.Nonce"/> in the row. A clustered
/// start refuses (<see cref="DuplicateReplicaIdException"/>) while another process's row of the same id is live (see
/// <see cref="DuplicateReplicaCheck"/>); a beat that finds another nonce in the row (two live processes given one
/// <c>gateway.replicaId</c>) logs an error once and suspends this process's claims (<see cref="ReplicaClaims"/>): their
/// leases cannot be told apart, so neither may take over work; each still answers what it journals itself.
/// </para>
/// </summary>
internal sealed partial class ReplicaHeartbeat(LocalReplica local, IReplicaRegistry registry, TimeProvider time, ILogger<ReplicaHeartbeat> logger)
    : BackgroundService
{
    /// <summary>How long the row of a replica that died stays in the table after its lease ran out.</summary>
    public static readonly TimeSpan DeadRowRetention = TimeSpan.FromHours(1);

    private static readonly TimeSpan RemoveTimeout = TimeSpan.FromSeconds(5);

    private bool _failing;

    public TimeSpan Interval => local.Identity.Lease / 3;

    /// <summary>Clustered: refuses to start while another live process holds this replica id (before the channel starts).</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (local.Identity.Clustered)
        {
            var rows = await registry.ListLiveAsync(time.GetUtcNow(), cancellationToken);
            if (DuplicateReplicaCheck.Holder(local.Identity, rows, Environment.ProcessId, time.GetUtcNow()) is { } holder)
            {
                throw new DuplicateReplicaIdException(local.Identity, holder, time.GetUtcNow());
            }
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Not the host's stop token: registered first, this stops last, often after the drain used the whole shutdown
        // timeout; the removal gets its own bound instead. The loop is over, so no beat writes the row again.
        using var removal = new CancellationTokenSource(RemoveTimeout, time);
        try
        {
            await registry.RemoveAsync(local.Identity.Id, removal.Token);
        }
        catch (Exception ex)
        {
            LogRemoveFailed(logger, local.Identity.Id, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await FirstBeatAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await BeatAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stops: StopAsync removes the row.
        }
    }

    private async Task FirstBeatAsync(CancellationToken cancellationToken)
    {
        if (!local.Identity.Clustered)
        {
            try
            {
                foreach (var earlier in await registry.ListLiveAsync(time.GetUtcNow(), cancellationToken))
                {
                    if (earlier.Id != local.Identity.Id)
                    {
                        await registry.RemoveAsync(earlier.Id, cancellationToken);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogBeatFailed(logger, local.Identity.Id, ex);
            }
        }

        await BeatAsync(cancellationToken);
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            var row = local.Snapshot();
            var previous = await registry.UpsertAsync(row, cancellationToken);
            if (local.Identity.Clustered && previous is { Length: > 0 } other && other != row.Nonce && local.Identity.Claims.Suspend())
            {
                LogDuplicateId(logger, local.Identity.Id);
            }

            await registry.PurgeAsync(row.HeartbeatAt - DeadRowRetention, cancellationToken);
            if (_failing)
            {
                _failing = false;
                LogBeatRecovered(logger, local.Identity.Id);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _failing = true;
            LogBeatFailed(logger, local.Identity.Id, ex);
        }
    }
}
