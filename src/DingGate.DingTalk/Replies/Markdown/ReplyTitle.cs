using System.Globalization;
using System.Text.RegularExpressions;

namespace DingGate.DingTalk.Replies.Markdown;

/// <summary>
/// The title DingTalk shows in the chat list for a markdown message: the first line that is not a fence line and still
/// has text once markdown marks are stripped (heading #, quote &gt;, list markers, bold/italic/strike markers,
/// [text](url) → text, ![alt](url) → alt, inline code backticks; thematic breaks strip to nothing), trimmed and cut to
/// at most <see cref="MaxLength"/> text elements (grapheme clusters, so no surrogate pair or combining sequence is
/// cut). The fallback when no line has text.
/// </summary>
internal static partial class ReplyTitle
{
    public const int MaxLength = 20;

    public static string From(string text, string? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var raw in text.Split('\n'))
        {
            if (FenceLine.TryOpen(raw, out _, out _) || ThematicBreak().IsMatch(raw))
            {
                continue;
            }

            var line = Strip(raw);
            if (line.Length > 0)
            {
                return Truncate(line);
            }
        }

        return fallback ?? Core.Texts.ReplyTexts.Title.ZhCn;
    }

    private static string Strip(string line)
    {
        var s = LinePrefix().Replace(line, string.Empty);
        s = ClosingHashes().Replace(s, string.Empty);
        s = Link().Replace(s, "$1");
        s = Code().Replace(s, "$1");
        s = s.Replace("**", string.Empty, StringComparison.Ordinal)
            .Replace("__", string.Empty, StringComparison.Ordinal)
            .Replace("~~", string.Empty, StringComparison.Ordinal);
        s = Emphasis().Replace(s, "$2");
        return s.Trim();
    }

    private static string Truncate(string line)
    {
        var starts = StringInfo.ParseCombiningCharacters(line);
        return starts.Length <= MaxLength ? line : line[..starts[MaxLength]].TrimEnd();
    }

    // Any nesting of quote markers, list markers (with an optional task box) and a heading mark at the start.
    [GeneratedRegex(@"^\s*(?:(?:>\s?)|(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?)*(?:#{1,6}(?:\s+|$))?", RegexOptions.CultureInvariant)]
    private static partial Regex LinePrefix();

    [GeneratedRegex(@"\s+#+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ClosingHashes();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    [GeneratedRegex(@"`+([^`]+)`+", RegexOptions.CultureInvariant)]
    private static partial Regex Code();

    [GeneratedRegex(@"(?<![\w*_])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*_])", RegexOptions.CultureInvariant)]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^ {0,3}(?:[-*_][ \t]*){3,}\r?$", RegexOptions.CultureInvariant)]
    private static partial Regex ThematicBreak();
}
