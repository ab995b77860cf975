namespace DingGate.Core.Storage;

/// <summary>Persistent "seen" set with expiry, namespaced per account, so a redelivery after a restart is recognised.</summary>
public interface IDedupStore
{
    /// <summary>
    /// Marks <paramref name="key"/> as seen in <paramref name="scope"/> until <paramref name="expiresAt"/>.
    /// Returns true the first time (or after the previous mark expired), false for a duplicate.
    /// </summary>
    Task<bool> TryMarkSeenAsync(string scope, string key, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Removes at most <paramref name="limit"/> expired marks; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
