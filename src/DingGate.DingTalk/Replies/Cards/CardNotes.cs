namespace DingGate.DingTalk.Replies.Cards;

/// <summary>Card-only texts: the status line shown before any answer text (tool steps: <see cref="CardStepNotes"/>), the notice of a card given up on, and of a card answered again.</summary>
internal static class CardNotes
{
    public const string FallingBack = "⚠️ 卡片更新失败，完整回答将以消息发送。";

    /// <summary>What a card of a crashed run shows when its message is answered again into it (replaces the old partial text).</summary>
    public const string Resuming = "> ⚠️ 回答被中断（网关重启），正在重新回答…";

    /// <summary>
    /// What a card shows while the answer streams: the tool steps (<see cref="CardStepNotes.Lines"/>) above the answer
    /// text, or above the latest reasoning status as a quote line while no text came yet. Never empty while anything was
    /// written; never the final content.
    /// </summary>
    public static string Intermediate(CardReplySnapshot state)
    {
        var steps = CardStepNotes.Lines(state.Steps);
        var body = Body(state);
        return steps.Length == 0 ? body : body.Length == 0 ? steps : steps + "\n\n" + body;
    }

    private static string Body(CardReplySnapshot state)
    {
        if (state.Text.Length == 0)
        {
            return state.Status is { Length: > 0 } status ? "> " + status.ReplaceLineEndings(" ") : string.Empty;
        }

        // Markdown must be complete each time (spec §6.2): close a code fence that is still open.
        var fences = state.Text.Split('\n').Count(l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
        return fences % 2 == 1 ? state.Text + "\n```" : state.Text;
    }

    /// <summary>The content of the best-effort error update of a card that failed: what it had and where the answer goes.</summary>
    public static string GivenUp(string text) => text.Length > 0 ? text.TrimEnd() + "\n\n> " + FallingBack : "> " + FallingBack;
}
