using System.Security.Cryptography;

namespace DingGate.Core.Cluster;

/// <summary>
/// Who this gateway process is among the replicas sharing one state database (issue 17). <see cref="Clustered"/> is
/// true when the state is shared (<c>storage.provider: "postgres"</c>): then work rows carry the owner's
/// <see cref="Id"/> and a lease of <see cref="Lease"/>, and another replica takes over what a replica left when its
/// lease ran out. With SQLite (one process per state file) it is false and a start takes over everything at once.
/// </summary>
/// <param name="Id">Unique among live replicas: <c>gateway.replicaId</c>, else <c>&lt;host&gt;-&lt;pid&gt;-&lt;6 hex&gt;</c>.</param>
/// <param name="Host">The machine's name (shown by status).</param>
/// <param name="Clustered">Whether other processes may share the state.</param>
/// <param name="Lease">How long a claim of this replica stays valid without renewal (<c>gateway.leaseSeconds</c>).</param>
public sealed record ReplicaIdentity(string Id, string Host, bool Clustered, TimeSpan Lease)
{
    /// <summary>The lease when <c>gateway.leaseSeconds</c> is not set.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Random per process (not per id): written in the heartbeat row, so a second live process with the same
    /// <see cref="Id"/> is told apart from this one (see <c>ReplicaHeartbeat</c>).
    /// </summary>
    public string Nonce { get; init; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Whether this process still claims work (suspended when its id turns out to be shared with another live process).</summary>
    public ReplicaClaims Claims { get; init; } = new();

    /// <summary>The identity of this process: <paramref name="configuredId"/> when given, else a fresh unique id.</summary>
    public static ReplicaIdentity Create(string? configuredId, bool clustered, TimeSpan? lease)
    {
        var host = Environment.MachineName;
        var id = string.IsNullOrWhiteSpace(configuredId)
            ? $"{host}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}"
            : configuredId.Trim();
        return new ReplicaIdentity(id, host, clustered, lease ?? DefaultLease);
    }

    /// <summary>A single process owning its state alone (SQLite, embedded hosts, tests).</summary>
    public static ReplicaIdentity Standalone() => Create(null, clustered: false, lease: null);
}
