namespace DingGate.Agent.Scheduling;

// Notes added to scheduled messages the user sees (Chinese first, like ReplyNotes).
internal static class JobNotes
{
    // Appended to an occurrence delivered late because the gateway was down when it was due.
    public static string Late(string dueLocal) => $"（补发：原定 {dueLocal}）";

    // Sent when a scheduled agent turn produced no text.
    public const string EmptyAnswer = "（定时任务没有生成回答。）";
}
