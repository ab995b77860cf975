namespace DingGate.Core.Storage;

/// <summary>
/// DingTalk API calls per account and calendar month (UTC), kept across restarts: what the organisation's monthly
/// quota has used so far, as far as this gateway knows.
/// </summary>
public interface IApiUsageStore
{
    /// <summary>Adds <paramref name="calls"/> to the account's count for <paramref name="month"/> (yyyyMM).</summary>
    Task AddAsync(string accountId, int month, long calls, CancellationToken cancellationToken);

    /// <summary>The account's count for <paramref name="month"/> (yyyyMM); 0 when none.</summary>
    Task<long> GetAsync(string accountId, int month, CancellationToken cancellationToken);
}
