using DingGate.Core.Cluster;
using DingGate.Core.Storage;
using DingGate.DingTalk.Cluster;

namespace DingGate.DingTalk.Policies.Owners;

/// <summary>
/// Which owner approvals this replica may finish or send (issue 17), like the journal's takeover: its own rows, rows no
/// replica claimed (written before replicas, or standalone), and rows of a replica that is no longer live (its heartbeat
/// row ran out). A live replica's row — a notice it is sending, a decision it is showing — is left to it. A standalone
/// gateway (no clustered leases) works on every row, as before.
/// </summary>
internal sealed class OwnerWorkScope(ReplicaLeases? leases, IReplicaRegistry? replicas)
{
    public static readonly OwnerWorkScope All = new(null, null);

    /// <summary>The id this replica writes into the rows it works on; null standalone.</summary>
    public string? Replica => leases is { Clustered: true } ? leases.Owner : null;

    /// <summary>The test for the rows this replica may work on now (the live replicas read once).</summary>
    public async Task<Func<OwnerApproval, bool>> MayWorkOnAsync(CancellationToken cancellationToken)
    {
        if (leases is not { Clustered: true } || replicas is null)
        {
            return _ => true;
        }

        var me = leases.Owner;
        var live = (await replicas.ListLiveAsync(leases.Now, cancellationToken)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return row => row.WorkedBy is null || row.WorkedBy == me || !live.Contains(row.WorkedBy);
    }

    /// <summary>
    /// Makes <paramref name="row"/> this replica's before it works on it (one replica wins a row left by a dead one);
    /// true when it is this replica's (always standalone).
    /// </summary>
    public async Task<bool> TakeAsync(IOwnerApprovalStore approvals, OwnerApproval row, CancellationToken cancellationToken) =>
        Replica is not { } me || row.WorkedBy == me || await approvals.TakeWorkAsync(row.AccountId, row.Code, row.WorkedBy, me, cancellationToken);
}
