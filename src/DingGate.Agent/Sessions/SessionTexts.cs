namespace DingGate.Agent.Sessions;

// What the session layer says to users itself (not the model). Short, and never carrying exception text.
internal static class SessionTexts
{
    public const string Busy = "⏳ 我还在处理你之前的消息，排队已满，请稍后再发。(Busy: too many messages waiting, please resend later.)";

    public const string ModelFailed = "模型调用失败，请稍后再试。(The model call failed; please try again.)";

    public const string InternalError = "处理消息时出错。(Something went wrong handling this message.)";
}
