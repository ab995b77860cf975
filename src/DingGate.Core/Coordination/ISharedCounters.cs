namespace DingGate.Core.Coordination;

/// <summary>
/// Counters shared by every gateway replica: the month's billed OpenAPI calls of each quota group, so the quota steps
/// are decided on the cluster's total. The durable count stays in <c>IApiUsageStore</c>; a shared counter is seeded
/// from it when it does not exist yet (first replica of the month, or a Redis that lost its data).
/// </summary>
public interface ISharedCounters
{
    /// <summary>
    /// Adds <paramref name="delta"/> to <paramref name="key"/> (created at <paramref name="seed"/> first when missing, and
    /// dropped <paramref name="lifetime"/> after its creation) and returns the total, or null when the shared store
    /// cannot be reached now (the caller keeps the delta and adds it on a later call).
    /// </summary>
    ValueTask<long?> AddAsync(string key, long delta, long seed, TimeSpan lifetime, CancellationToken cancellationToken);
}
