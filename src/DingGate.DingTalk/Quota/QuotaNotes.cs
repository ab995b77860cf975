using DingGate.Core.Texts;

namespace DingGate.DingTalk.Quota;

/// <summary>The message the owners get when a quota group reaches a step (sent once per step and month; texts: <see cref="QuotaTexts"/>).</summary>
internal static class QuotaNotes
{
    public static string For(QuotaGroupStatus s, Core.Configuration.DingTalkQuota quota, BotLocale locale)
    {
        var head = QuotaTexts.Head.Format(locale, s.Group, s.Used, s.Budget, s.Percent, s.Forecast);
        var tail = s.Step switch
        {
            QuotaStep.Warned => QuotaTexts.Warned.Format(locale, quota.CardsOffPercent, quota.IndicatorOffPercent, quota.WebhookOnlyPercent),
            QuotaStep.CardsOff => QuotaTexts.CardsOff.Format(locale, quota.IndicatorOffPercent, quota.WebhookOnlyPercent),
            QuotaStep.IndicatorOff => QuotaTexts.IndicatorOff.Format(locale, quota.WebhookOnlyPercent),
            _ => QuotaTexts.WebhookOnly.For(locale),
        };
        return locale == BotLocale.En ? head + " " + tail : head + tail;
    }
}
