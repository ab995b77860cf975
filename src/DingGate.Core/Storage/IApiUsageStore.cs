namespace DingGate.Core.Storage;

/// <summary>
/// DingTalk API calls per account and calendar month (yyyyMM, Asia/Shanghai), kept across restarts: every call, and
/// the OpenAPI calls DingTalk bills against the organisation's monthly quota; plus which quota warnings were sent.
/// </summary>
public interface IApiUsageStore
{
    /// <summary>Adds <paramref name="calls"/> to the account's count of all calls for <paramref name="month"/> (yyyyMM).</summary>
    Task AddAsync(string accountId, int month, long calls, CancellationToken cancellationToken);

    /// <summary>The account's count of all calls for <paramref name="month"/> (yyyyMM); 0 when none.</summary>
    Task<long> GetAsync(string accountId, int month, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="calls"/> billed OpenAPI calls to the account's count for <paramref name="month"/>.</summary>
    Task AddBilledAsync(string accountId, int month, long calls, CancellationToken cancellationToken);

    /// <summary>The account's billed OpenAPI calls in <paramref name="month"/>; 0 when none.</summary>
    Task<long> GetBilledAsync(string accountId, int month, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the warning of <paramref name="step"/> for quota group <paramref name="group"/> in
    /// <paramref name="month"/> is being sent; false when it already was (by this or an earlier run, or another process).
    /// </summary>
    Task<bool> ClaimQuotaNoticeAsync(string group, int month, int step, DateTimeOffset at, CancellationToken cancellationToken);
}
