using DingGate.Core.Texts;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// Card-only content: the status line shown before any answer text (tool steps: <see cref="CardStepNotes"/>) and the
/// notice of a card given up on (texts: <see cref="CardTexts"/>; a card of a crashed run answered again shows
/// <see cref="CardTexts.Resuming"/>).
/// </summary>
internal static class CardNotes
{
    /// <summary>
    /// What a card shows while the answer streams: the tool steps (<see cref="CardStepNotes.Lines"/>) above the answer
    /// text, or above the latest reasoning status as a quote line while no text came yet. Never empty while anything was
    /// written; never the final content.
    /// </summary>
    public static string Intermediate(CardReplySnapshot state, BotLocale locale)
    {
        var steps = CardStepNotes.Lines(state.Steps, locale);
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
    public static string GivenUp(string text, BotLocale locale)
    {
        var note = CardTexts.FallingBack.For(locale);
        return text.Length > 0 ? text.TrimEnd() + "\n\n> " + note : "> " + note;
    }
}
