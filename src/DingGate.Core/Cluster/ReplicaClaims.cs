namespace DingGate.Core.Cluster;

/// <summary>
/// Whether this replica may still claim work it did not journal itself (a dead replica's entries, its own from an
/// earlier run, due outbox entries). Suspended for good when the heartbeat finds another live process writing this
/// replica id's row (two processes given one <c>gateway.replicaId</c>): their leases are indistinguishable, so claiming
/// would let both work on one entry. Pushes this replica journals itself are still answered.
/// </summary>
public sealed class ReplicaClaims
{
    private int _suspended;

    /// <summary>True once <see cref="Suspend"/> was called.</summary>
    public bool Suspended => Volatile.Read(ref _suspended) == 1;

    /// <summary>Stops claiming; true the first time.</summary>
    public bool Suspend() => Interlocked.Exchange(ref _suspended, 1) == 0;
}
