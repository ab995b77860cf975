namespace DingGate.Core.Configuration;

/// <summary>One account's resolved <c>quota</c> (own keys, else the top level's, else the defaults).</summary>
public sealed record DingTalkQuota
{
    /// <summary>DingTalk's standard edition: 5 000 OpenAPI calls a month per organisation.</summary>
    public const long StandardEditionMonthlyCalls = 5000;

    /// <summary>The quota group of accounts that set no <c>org</c>.</summary>
    public const string DefaultOrg = "default";

    /// <summary>OpenAPI calls per month; 0: no budget (nothing is degraded or refused).</summary>
    public long MonthlyCalls { get; init; } = StandardEditionMonthlyCalls;

    public int WarnPercent { get; init; } = 80;

    public int CardsOffPercent { get; init; } = 90;

    public int IndicatorOffPercent { get; init; } = 95;

    public int WebhookOnlyPercent { get; init; } = 100;

    /// <summary>The quota group (organisation) name.</summary>
    public string Org { get; init; } = DefaultOrg;

    /// <summary>Merges <paramref name="own"/> over <paramref name="top"/> over the defaults.</summary>
    public static DingTalkQuota From(DingTalkQuotaSettings? own, DingTalkQuotaSettings? top)
    {
        var d = new DingTalkQuota();
        return new DingTalkQuota
        {
            MonthlyCalls = own?.MonthlyCalls ?? top?.MonthlyCalls ?? d.MonthlyCalls,
            WarnPercent = own?.WarnPercent ?? top?.WarnPercent ?? d.WarnPercent,
            CardsOffPercent = own?.CardsOffPercent ?? top?.CardsOffPercent ?? d.CardsOffPercent,
            IndicatorOffPercent = own?.IndicatorOffPercent ?? top?.IndicatorOffPercent ?? d.IndicatorOffPercent,
            WebhookOnlyPercent = own?.WebhookOnlyPercent ?? top?.WebhookOnlyPercent ?? d.WebhookOnlyPercent,
            Org = own?.Org ?? top?.Org ?? d.Org,
        };
    }
}
