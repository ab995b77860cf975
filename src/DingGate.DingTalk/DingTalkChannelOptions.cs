using DingGate.Core.Configuration;
using DingGate.DingTalk.Stream;

namespace DingGate.DingTalk;

/// <summary>What the channel needs besides the accounts: where state lives, HTTP timeout, stream tuning.</summary>
public sealed class DingTalkChannelOptions
{
    /// <summary>The <c>channels.dingtalk</c> settings (accounts resolved from them).</summary>
    public DingTalkChannelSettings Settings { get; set; } = new();

    /// <summary>State directory: the SQLite file and downloaded media (<c>media/&lt;account&gt;/…</c>) live here.</summary>
    public string StateDirectory { get; set; } = Path.Combine(Core.Files.UserHome.Directory, ".dinggate");

    /// <summary>Timeout of one DingTalk HTTP call.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When set, downloaded media of a message is deleted this long after the message finished (an
    /// <c>IRetentionTarget</c> named <c>media</c> is registered for the retention service); null keeps media forever.
    /// </summary>
    public TimeSpan? MediaRetention { get; set; }

    /// <summary>
    /// Who this process is among the replicas sharing the state (issue 17). Clustered: journal and outbox entries are
    /// leased, a start takes over only what no live replica holds, and a takeover loop picks up what a dead one left.
    /// Standalone (the default): a start takes over everything at once.
    /// </summary>
    public Core.Cluster.ReplicaIdentity Replica { get; set; } = Core.Cluster.ReplicaIdentity.Standalone();

    internal StreamClientOptions Stream { get; set; } = new();

    /// <summary>Bounds of the per-conversation inbound work of each account.</summary>
    internal Inbound.InboundLaneOptions Inbound { get; set; } = new();
}
