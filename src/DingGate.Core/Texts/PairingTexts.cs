namespace DingGate.Core.Texts;

/// <summary>The pairing of unknown 1:1 senders (<c>dmPolicy: pairing</c>): the code, the reminder, the approval.</summary>
public static class PairingTexts
{
    /// <summary>{0}: the pairing code; {1}: the sender's user id.</summary>
    public static readonly BotText Issued = new(
        "你好！我还不认识你（你的用户 ID：{1}）。你的配对码是 {0}，1 小时内有效。请让管理员运行：dinggate pairing approve {0}",
        "Hi! I don't know you yet (your user id: {1}). Your pairing code is {0}, valid for 1 hour. Ask the owner to approve it by running: dinggate pairing approve {0}");

    /// <summary>{0}: the pairing code still waiting.</summary>
    public static readonly BotText Pending = new(
        "你的配对请求还在等待批准，配对码是 {0}。请让管理员运行：dinggate pairing approve {0}",
        "Your pairing request is still waiting for approval. Your code is {0}. Ask the owner to run: dinggate pairing approve {0}");

    /// <summary>To the sender whose pairing code an owner approved.</summary>
    public static readonly BotText Approved = new(
        "你已通过批准！现在可以和我对话了。",
        "You're approved! You can talk to me now.");
}
