using System.Text.RegularExpressions;

namespace DingGate.DingTalk.Replies.Markdown;

/// <summary>Decides whether an answer uses markdown syntax (then it is sent as markdown, else as plain text).</summary>
internal static partial class MarkdownDetector
{
    public static bool LooksLikeMarkdown(string text) => !string.IsNullOrEmpty(text) && Syntax().IsMatch(text);

    // Headings, lists, quotes, fences, tables, emphasis, links/images, inline code.
    [GeneratedRegex(@"(^|\n)\s{0,3}(#{1,6}\s|[-*+]\s|\d+\.\s|>|```|\|.*\|)|\*\*[^*\n]+\*\*|__[^_\n]+__|\[[^\]\n]+\]\([^)\n]+\)|`[^`\n]+`", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
