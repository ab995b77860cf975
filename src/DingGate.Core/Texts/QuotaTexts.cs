namespace DingGate.Core.Texts;

/// <summary>The message the owners get when a DingTalk API quota group reaches a step (once per step and month).</summary>
public static class QuotaTexts
{
    /// <summary>{0}: group; {1}: used; {2}: budget; {3}: percent (0.#); {4}: forecast.</summary>
    public static readonly BotText Head = new(
        "⚠️ 钉钉接口调用额度提醒（{0}）：本月已用 {1}/{2} 次（{3:0.#}%），按当前速度预计本月用到 {4} 次。",
        "⚠️ DingTalk API quota ({0}): {1}/{2} calls used this month ({3:0.#}%); at this pace the month ends near {4}.");

    /// <summary>{0}: cards-off percent; {1}: indicator-off percent; {2}: webhook-only percent.</summary>
    public static readonly BotText Warned = new(
        "用到 {0}% 时卡片回复改为 Markdown 消息，{1}% 时不再显示“思考中”，{2}% 时只通过会话 Webhook 回复（不再调用开放接口）。",
        "At {0}% card replies become markdown messages, at {1}% the \"thinking\" indicator stops, at {2}% replies go only through the session webhook (no more OpenAPI calls).");

    /// <summary>{0}: indicator-off percent; {1}: webhook-only percent.</summary>
    public static readonly BotText CardsOff = new(
        "卡片回复已改为 Markdown 消息；{0}% 时不再显示“思考中”，{1}% 时只通过会话 Webhook 回复。",
        "Card replies are now markdown messages; at {0}% the \"thinking\" indicator stops, at {1}% replies go only through the session webhook.");

    /// <summary>{0}: webhook-only percent.</summary>
    public static readonly BotText IndicatorOff = new(
        "已不再显示“思考中”；{0}% 时只通过会话 Webhook 回复（主动消息、文件和过期会话的回复将无法发送）。",
        "The \"thinking\" indicator is off; at {0}% replies go only through the session webhook (proactive messages, files and replies to expired sessions cannot be sent).");

    /// <summary>The last step.</summary>
    public static readonly BotText WebhookOnly = new("已只通过会话 Webhook 回复。", "Replies now go only through the session webhook.");
}
