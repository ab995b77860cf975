namespace DingGate.Core.Texts;

/// <summary>The honest notes of a reply that did not finish normally, and the other texts every reply mode shares.</summary>
public static class ReplyTexts
{
    /// <summary>The text shown for an empty answer.</summary>
    public static readonly BotText EmptyAnswer = new("（没有生成回答）", "(No answer was generated.)");

    /// <summary>Below an answer stopped by the user.</summary>
    public static readonly BotText Stopped = new("⏹ 已停止生成", "⏹ Stopped");

    /// <summary>Below an answer cut by a stop or restart of the gateway (the message is answered again).</summary>
    public static readonly BotText Interrupted = new(
        "⚠️ 回答被中断（网关停止或重启），稍后会重新回答。",
        "⚠️ The answer was interrupted (the gateway stopped or restarted); it will be answered again shortly.");

    /// <summary>Below a failed answer; a short reason may follow after <see cref="FailedReasonSeparator"/>.</summary>
    public static readonly BotText Failed = new("❌ 回答出错", "❌ The answer failed");

    /// <summary>Between <see cref="Failed"/> and its reason.</summary>
    public static readonly BotText FailedReasonSeparator = new("：", ": ");

    /// <summary>The reason of a message whose handling threw (never the exception text).</summary>
    public static readonly BotText HandlingFailed = new("处理消息时出错", "something went wrong handling this message");

    /// <summary>Above a part re-sent after an ambiguous failure (the user may already have it): the repeat is never silent.</summary>
    public static readonly BotText PossibleRepeat = new("（网络异常后重发，如已收到请忽略）", "(Re-sent after a network error; ignore it if you already have it.)");

    /// <summary>To the sender of a message given up after it stopped the gateway each time it was handled.</summary>
    public static readonly BotText GivenUp = new(
        "❌ 抱歉，这条消息多次处理都没有完成（网关在处理时停止），已放弃处理。请换个方式再发一次。",
        "❌ Sorry, this message could not be handled after several tries (the gateway stopped while handling it) and was given up. Please send it again in another way.");

    /// <summary>The title of a markdown message whose text gives none (shown in the chat list and notifications).</summary>
    public static readonly BotText Title = new("回复", "Reply");

    /// <summary>The "thinking" indicator (text reaction on the user's message, or the text sent in its place).</summary>
    public static readonly BotText Thinking = new("思考中…", "Thinking…");

    /// <summary>Before the reason a reply file could not be sent.</summary>
    public static readonly BotText FileNotSent = new("⚠️ 文件未能发送：", "⚠️ File not sent: ");

    /// <summary>The reason of a file not sent because the month's DingTalk API quota is used up.</summary>
    public static readonly BotText QuotaFile = new("本月钉钉接口调用额度已用完，文件暂时无法发送。", "This month's DingTalk API quota is used up; files cannot be sent for now.");
}
