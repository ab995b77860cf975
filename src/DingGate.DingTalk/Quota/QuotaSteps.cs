using DingGate.Core.Configuration;

namespace DingGate.DingTalk.Quota;

/// <summary>The step a count reaches under a quota's thresholds.</summary>
public static class QuotaSteps
{
    public static QuotaStep For(long used, DingTalkQuota quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        if (quota.MonthlyCalls <= 0)
        {
            return QuotaStep.Normal;
        }

        bool Reached(int percent) => used * 100 >= percent * quota.MonthlyCalls;
        return Reached(quota.WebhookOnlyPercent) ? QuotaStep.WebhookOnly
            : Reached(quota.IndicatorOffPercent) ? QuotaStep.IndicatorOff
            : Reached(quota.CardsOffPercent) ? QuotaStep.CardsOff
            : Reached(quota.WarnPercent) ? QuotaStep.Warned
            : QuotaStep.Normal;
    }

    /// <summary>The percent at which <paramref name="step"/> begins.</summary>
    public static int PercentOf(QuotaStep step, DingTalkQuota quota) => step switch
    {
        QuotaStep.Warned => quota.WarnPercent,
        QuotaStep.CardsOff => quota.CardsOffPercent,
        QuotaStep.IndicatorOff => quota.IndicatorOffPercent,
        QuotaStep.WebhookOnly => quota.WebhookOnlyPercent,
        _ => 0,
    };

    public static string Name(QuotaStep step) => step switch
    {
        QuotaStep.Normal => "normal",
        QuotaStep.Warned => "warned",
        QuotaStep.CardsOff => "cardsOff",
        QuotaStep.IndicatorOff => "indicatorOff",
        _ => "webhookOnly",
    };
}
