namespace DingGate.Core.Coordination;

/// <summary>
/// The background work of the shared limits (a replica's presence in Redis, asking Redis again during an outage): run
/// by the host for as long as it runs, and awaited when it stops.
/// </summary>
public interface ISharedLimitsLoop
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
