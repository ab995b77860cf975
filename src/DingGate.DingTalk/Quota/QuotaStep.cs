namespace DingGate.DingTalk.Quota;

/// <summary>How far a quota group's month has gone, in the order the steps are reached (docs/replies.md, "Quota").</summary>
public enum QuotaStep
{
    /// <summary>Under the warning threshold: nothing changes.</summary>
    Normal = 0,

    /// <summary>At or over <c>warnPercent</c> (80 %): the owners are told; replies are unchanged.</summary>
    Warned = 1,

    /// <summary>At or over <c>cardsOffPercent</c> (90 %): card replies go as markdown through the session webhook.</summary>
    CardsOff = 2,

    /// <summary>At or over <c>indicatorOffPercent</c> (95 %): no thinking reaction either.</summary>
    IndicatorOff = 3,

    /// <summary>At or over <c>webhookOnlyPercent</c> (100 %), or DingTalk refused a call for the monthly quota: no OpenAPI call at all.</summary>
    WebhookOnly = 4,
}
