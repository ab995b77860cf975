namespace DingGate.Core.Configuration;

/// <summary>
/// <c>channels.dingtalk.quota</c> (top level, and per account to override key by key): the organisation's monthly
/// OpenAPI budget and the usage at which the gateway warns and degrades. Accounts with the same <see cref="Org"/>
/// share one budget (DingTalk counts the quota per organisation, all its apps together).
/// </summary>
public sealed class DingTalkQuotaSettings
{
    /// <summary>OpenAPI calls per calendar month (Asia/Shanghai) for the organisation; 0 turns the governor off. Default 5000.</summary>
    public long? MonthlyCalls { get; set; }

    /// <summary>Percent of the budget at which the owners are warned. Default 80.</summary>
    public int? WarnPercent { get; set; }

    /// <summary>Percent at which card replies become markdown (session webhook). Default 90.</summary>
    public int? CardsOffPercent { get; set; }

    /// <summary>Percent at which the thinking reaction stops. Default 95.</summary>
    public int? IndicatorOffPercent { get; set; }

    /// <summary>Percent at which no OpenAPI call is made at all (session-webhook replies only). Default 100.</summary>
    public int? WebhookOnlyPercent { get; set; }

    /// <summary>Name of the quota group (the DingTalk organisation); accounts with the same name share the budget. Default "default".</summary>
    public string? Org { get; set; }
}
