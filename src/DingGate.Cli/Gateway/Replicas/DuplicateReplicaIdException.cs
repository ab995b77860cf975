using System.Globalization;
using DingGate.Core.Cluster;

namespace DingGate.Cli.Gateway.Replicas;

/// <summary>A clustered gateway's start found its replica id held by another live process (see <see cref="DuplicateReplicaCheck"/>).</summary>
internal sealed class DuplicateReplicaIdException(ReplicaIdentity identity, ReplicaRecord holder, DateTimeOffset now)
    : Exception(
        $"replica id '{identity.Id}' is in use by a live gateway (host {holder.Host}, pid {holder.Pid.ToString(CultureInfo.InvariantCulture)}, " +
        $"last heartbeat {Math.Max(0, (now - holder.HeartbeatAt).TotalSeconds).ToString("0", CultureInfo.InvariantCulture)} s ago); " +
        $"set a distinct gateway.replicaId on every replica, or wait for its lease ({identity.Lease.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s) to run out if that gateway is gone")
{
    public string ReplicaId { get; } = identity.Id;
}
