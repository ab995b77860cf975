namespace DingGate.Core.Texts;

/// <summary>What the agent says to users itself while answering (not the model's words; texts for the model stay apart).</summary>
public static class AgentTexts
{
    /// <summary>The model used every tool round and then still gave no text.</summary>
    public static readonly BotText NoAnswerAfterTools = new(
        "（工具调用已达上限，未能得出回答，请换个说法再试。）",
        "(The tool round limit was reached without an answer; please rephrase and try again.)");

    /// <summary>Before the tail of the model's reasoning in the card's status line.</summary>
    public static readonly BotText Thinking = new("思考中…", "Thinking…");

    /// <summary>Before the reason a file the answer named could not be sent.</summary>
    public static readonly BotText FileNotSent = new("⚠️ 文件未能发送：", "⚠️ File not sent: ");
}
