namespace DingGate.Core.Texts;

/// <summary>What the session layer says to users itself (not the model). Short, and never carrying exception text.</summary>
public static class SessionTexts
{
    /// <summary>The session's queue is full.</summary>
    public static readonly BotText Busy = new(
        "⏳ 我还在处理你之前的消息，排队已满，请稍后再发。",
        "⏳ I'm still working on your earlier messages and the queue is full; please send it again later.");

    /// <summary>The reason of a failed answer: the model call failed.</summary>
    public static readonly BotText ModelFailed = new("模型调用失败，请稍后再试。", "The model call failed; please try again later.");

    /// <summary>The reason of a failed answer: anything else went wrong.</summary>
    public static readonly BotText InternalError = new("处理消息时出错。", "Something went wrong handling this message.");
}
