using System.Text;
using DingGate.Core.Texts;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// The tool steps of a card (docs/replies.md, "Tool steps"): while the turn works, one quote line per call above the
/// answer ("🔎 正在调用 search…", then "✅ search 完成" or "⚠️ search 失败"), the newest <see cref="MaxShownSteps"/>
/// of them; on the final card one compact summary line above the answer ("🔧 已调用工具：search ✅、fetch_url ⚠️").
/// Card-only: a markdown answer and a card's markdown fallback carry none of it.
/// </summary>
internal static class CardStepNotes
{
    /// <summary>Step lines shown at most while the turn works; older ones are counted in one line.</summary>
    public const int MaxShownSteps = 6;

    // A markdown hard line break (DingTalk's markdown: a newline, ideally with two spaces before it).
    private const string LineBreak = "  \n";

    /// <summary>The step lines as one quote block; empty without steps.</summary>
    public static string Lines(IReadOnlyList<CardToolStep> steps, BotLocale locale)
    {
        if (steps.Count == 0)
        {
            return string.Empty;
        }

        var lines = new List<string>();
        if (steps.Count > MaxShownSteps)
        {
            lines.Add(CardTexts.StepsEarlier.Format(locale, steps.Count - MaxShownSteps));
        }

        lines.AddRange(steps.Skip(Math.Max(0, steps.Count - MaxShownSteps)).Select(s => Line(s, locale)));
        return string.Join(LineBreak, lines.Select(l => "> " + l));
    }

    /// <summary>
    /// The one line the final card keeps above the answer: each tool once per outcome, in order of first call, with a
    /// count when called more than once ("search ✅×2"). A call still running when the answer ended shows ⏹. Empty without steps.
    /// </summary>
    public static string Summary(IReadOnlyList<CardToolStep> steps, BotLocale locale)
    {
        if (steps.Count == 0)
        {
            return string.Empty;
        }

        var groups = steps.GroupBy(s => (s.ToolName, s.Outcome)).Select(g => (g.Key.ToolName, g.Key.Outcome, Count: g.Count()));
        var summary = new StringBuilder("> ").Append(CardTexts.ToolsUsed.For(locale));
        summary.AppendJoin(CardTexts.ToolsSeparator.For(locale), groups.Select(g => $"{OneLine(g.ToolName)} {Mark(g.Outcome)}{(g.Count > 1 ? "×" + g.Count : string.Empty)}"));
        return summary.ToString();
    }

    /// <summary><paramref name="answer"/> with the summary line of <paramref name="steps"/> above it (the answer as is without steps).</summary>
    public static string WithSummary(string answer, IReadOnlyList<CardToolStep> steps, BotLocale locale) =>
        Summary(steps, locale) is { Length: > 0 } summary ? summary + "\n\n" + answer : answer;

    private static string Line(CardToolStep step, BotLocale locale) => step.Outcome switch
    {
        CardToolStepOutcome.Done => CardTexts.StepDone.Format(locale, OneLine(step.ToolName)),
        CardToolStepOutcome.Failed => CardTexts.StepFailed.Format(locale, OneLine(step.ToolName)),
        _ => CardTexts.StepRunning.Format(locale, OneLine(step.ToolName)),
    };

    private static string Mark(CardToolStepOutcome outcome) => outcome switch
    {
        CardToolStepOutcome.Done => "✅",
        CardToolStepOutcome.Failed => "⚠️",
        _ => "⏹",
    };

    private static string OneLine(string tool) => tool.ReplaceLineEndings(" ").Trim();
}
