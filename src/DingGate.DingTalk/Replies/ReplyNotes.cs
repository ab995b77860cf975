using DingGate.Core.Replies;
using DingGate.Core.Texts;

namespace DingGate.DingTalk.Replies;

/// <summary>Puts the honest note of a reply that did not finish normally below it (texts: <see cref="ReplyTexts"/>).</summary>
internal static class ReplyNotes
{
    /// <summary><paramref name="text"/> with the note of <paramref name="end"/> below it (as a quote line), in <paramref name="locale"/>.</summary>
    public static string Apply(string text, ReplyEnd end, string? note, BotLocale locale)
    {
        var line = end switch
        {
            ReplyEnd.Stopped => ReplyTexts.Stopped.For(locale),
            ReplyEnd.Interrupted => ReplyTexts.Interrupted.For(locale),
            ReplyEnd.Failed => note is { Length: > 0 }
                ? ReplyTexts.Failed.For(locale) + ReplyTexts.FailedReasonSeparator.For(locale) + note
                : ReplyTexts.Failed.For(locale),
            _ => null,
        };
        if (line is null)
        {
            return text.Length > 0 ? text : ReplyTexts.EmptyAnswer.For(locale);
        }

        return text.Length > 0 ? text.TrimEnd() + "\n\n> " + line : "> " + line;
    }
}
