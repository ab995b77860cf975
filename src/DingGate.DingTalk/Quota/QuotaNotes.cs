using System.Globalization;

namespace DingGate.DingTalk.Quota;

/// <summary>The message the owners get when a quota group reaches a step (sent once per step and month).</summary>
internal static class QuotaNotes
{
    public static string For(QuotaGroupStatus s, Core.Configuration.DingTalkQuota quota)
    {
        var head = string.Create(CultureInfo.InvariantCulture,
            $"⚠️ 钉钉接口调用额度提醒（{s.Group}）：本月已用 {s.Used}/{s.Budget} 次（{s.Percent:0.#}%），按当前速度预计本月用到 {s.Forecast} 次。");
        var tail = s.Step switch
        {
            QuotaStep.Warned => string.Create(CultureInfo.InvariantCulture,
                $"用到 {quota.CardsOffPercent}% 时卡片回复改为 Markdown 消息，{quota.IndicatorOffPercent}% 时不再显示“思考中”，{quota.WebhookOnlyPercent}% 时只通过会话 Webhook 回复（不再调用开放接口）。"),
            QuotaStep.CardsOff => string.Create(CultureInfo.InvariantCulture,
                $"卡片回复已改为 Markdown 消息；{quota.IndicatorOffPercent}% 时不再显示“思考中”，{quota.WebhookOnlyPercent}% 时只通过会话 Webhook 回复。"),
            QuotaStep.IndicatorOff => string.Create(CultureInfo.InvariantCulture,
                $"已不再显示“思考中”；{quota.WebhookOnlyPercent}% 时只通过会话 Webhook 回复（主动消息、文件和过期会话的回复将无法发送）。"),
            _ => "已只通过会话 Webhook 回复。",
        };
        return head + tail;
    }
}
