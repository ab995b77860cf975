using DingGate.Core.Configuration;

namespace DingGate.DingTalk.Quota;

/// <summary>The accounts that spend one budget (one <c>quota.org</c>) and this month's count; guarded by the governor's lock.</summary>
internal sealed class QuotaGroup(string name, DingTalkQuota quota, IReadOnlyList<DingTalkAccount> accounts)
{
    public string Name { get; } = name;

    public DingTalkQuota Quota { get; } = quota;

    /// <summary>The accounts with their settings in force (a config reload updates their owners).</summary>
    public IReadOnlyList<DingTalkAccount> Accounts { get; set; } = accounts;

    /// <summary>Each owner once, with the first account that lists them (the one that sends them the warning).</summary>
    public IReadOnlyList<(string Owner, string AccountId)> Owners =>
        [.. Accounts.SelectMany(a => a.Owners.Select(o => (Owner: o.Trim(), AccountId: a.Id))).Where(o => o.Owner.Length > 0)
            .DistinctBy(o => o.Owner, StringComparer.Ordinal)];

    /// <summary>Billed OpenAPI calls this month (stored by earlier runs and other processes, plus this run's).</summary>
    public long Used { get; set; }

    /// <summary>This run's calls counted in <see cref="Used"/> but not yet added to the cluster's shared counter.</summary>
    public long Unsynced { get; set; }

    /// <summary>DingTalk answered that the organisation's monthly quota is used up.</summary>
    public bool RefusedByDingTalk { get; set; }

    /// <summary>The highest step announced this month (a notice is queued when a higher one is reached).</summary>
    public QuotaStep Announced { get; set; }

    public QuotaStep Step => RefusedByDingTalk ? QuotaStep.WebhookOnly : QuotaSteps.For(Used, Quota);
}
