using System.Diagnostics;
using DingGate.Core.Cluster;

namespace DingGate.Cli.Gateway.Replicas;

/// <summary>
/// At a clustered start: is this replica id's heartbeat row another live process's? A live row (heartbeat younger than
/// its lease) with another nonce is, unless it was written on this machine by a process that no longer runs — that is
/// this replica before a crash, whose work it takes back at once. (A container restarted with the same host name and pid
/// cannot be told apart from a second live process: it waits for the lease.)
/// </summary>
internal static class DuplicateReplicaCheck
{
    /// <summary>The live row of another process holding <paramref name="identity"/>'s id, or null.</summary>
    public static ReplicaRecord? Holder(ReplicaIdentity identity, IReadOnlyList<ReplicaRecord> liveRows, int ownPid, DateTimeOffset now) =>
        liveRows.FirstOrDefault(r =>
            r.Id == identity.Id && r.ExpiresAt > now && r.Nonce != identity.Nonce
            && !(string.Equals(r.Host, identity.Host, StringComparison.OrdinalIgnoreCase) && r.Pid != ownPid && !Running(r.Pid)));

    private static bool Running(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
