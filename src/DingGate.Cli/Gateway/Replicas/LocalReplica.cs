using System.Reflection;
using DingGate.Agent.Sessions;
using DingGate.Cli.Admin;
using DingGate.Core.Cluster;
using DingGate.DingTalk;

namespace DingGate.Cli.Gateway.Replicas;

/// <summary>
/// This process as a replica, now: its identity, version, start, each account's Stream link and the turns it runs. The
/// heartbeat writes it to the registry; <c>/status</c> shows it fresh (not the last row written).
/// </summary>
internal sealed class LocalReplica(ReplicaIdentity identity, DingTalkChannel channel, SessionQueue sessions, TimeProvider time)
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    /// <summary>The version the replicas' rows show: the informational version without the commit suffix after '+'.</summary>
    public static string Version { get; } = (typeof(LocalReplica).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    public ReplicaIdentity Identity => identity;

    public ReplicaRecord Snapshot()
    {
        var now = time.GetUtcNow();
        return new ReplicaRecord
        {
            Id = identity.Id,
            Host = identity.Host,
            Pid = Environment.ProcessId,
            Version = Version,
            StartedAt = _startedAt,
            HeartbeatAt = now,
            ExpiresAt = now + identity.Lease,
            Accounts = [.. channel.Statuses.Select(s => new ReplicaAccount(s.AccountId, AdminStatusBuilder.StateName(s.State)))],
            TurnsRunning = sessions.RunningTurns,
            Nonce = identity.Nonce,
        };
    }
}
