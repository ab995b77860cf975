using DingGate.Core.Cluster;

namespace DingGate.DingTalk.Cluster;

/// <summary>
/// This replica's leases on work rows (journal entries, reply outbox entries) as the channel's parts use them: who
/// (<see cref="Owner"/>), until when a claim made now holds (<see cref="UntilFromNow"/>), and the rhythms derived from
/// the lease (renew every third, look for a dead replica's work every half). <see cref="Clustered"/> false (SQLite,
/// one process): no part uses a lease and a start takes over everything, as before replicas existed.
/// </summary>
internal sealed class ReplicaLeases(ReplicaIdentity replica, TimeProvider time)
{
    /// <summary>Longest wait between two looks at an earlier turn another replica holds.</summary>
    private static readonly TimeSpan MaxOrderPoll = TimeSpan.FromSeconds(1);

    public static ReplicaLeases Standalone(TimeProvider time) => new(ReplicaIdentity.Standalone(), time);

    public bool Clustered => replica.Clustered;

    public string Owner => replica.Id;

    public TimeSpan Lease => replica.Lease;

    public DateTimeOffset Now => time.GetUtcNow();

    public TimeProvider Time => time;

    /// <summary>The expiry of a claim made (or renewed) now.</summary>
    public DateTimeOffset UntilFromNow => time.GetUtcNow() + replica.Lease;

    public TimeSpan RenewEvery => replica.Lease / 3;

    public TimeSpan TakeoverEvery => replica.Lease / 2;

    /// <summary>
    /// True once this process's replica id turned out to be shared with another live process: it no longer claims work it
    /// did not journal itself (takeovers, due outbox entries, an earlier turn of a lane), see <see cref="ReplicaClaims"/>.
    /// </summary>
    public bool ClaimsSuspended => replica.Claims.Suspended;

    public TimeSpan OrderPoll => replica.Lease / 10 < MaxOrderPoll ? replica.Lease / 10 : MaxOrderPoll;
}
