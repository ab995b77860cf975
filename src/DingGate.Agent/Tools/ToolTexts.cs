namespace DingGate.Agent.Tools;

// What the agent says to users itself about tools (not the model's words).
internal static class ToolTexts
{
    // The model used every tool round and then still gave no text.
    public const string NoAnswerAfterTools = "（工具调用已达上限，未能得出回答，请换个说法再试。/ The tool round limit was reached without an answer; please rephrase and try again.）";
}
