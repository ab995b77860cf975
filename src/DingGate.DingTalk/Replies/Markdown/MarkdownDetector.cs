using System.Text.RegularExpressions;

namespace DingGate.DingTalk.Replies.Markdown;

/// <summary>
/// Decides whether an answer uses markdown syntax (then it is sent as markdown, else as plain text): headings, list
/// items, quotes, fences, thematic breaks, tables (a delimiter row), bold/italic/strikethrough, links/images and inline
/// code. A lone '*', a dash inside a sentence, an e-mail address, a bare URL or CJK punctuation are not markdown.
/// </summary>
internal static partial class MarkdownDetector
{
    public static bool LooksLikeMarkdown(string text) => !string.IsNullOrEmpty(text) && (BlockSyntax().IsMatch(text) || InlineSyntax().IsMatch(text));

    // Line-start constructs: heading, bullet/ordered item, quote, fence, thematic break, table delimiter row.
    [GeneratedRegex(
        @"^ {0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]+\S|\d{1,9}[.)][ \t]+\S|>|`{3,}|~{3,}|(?:[-*_][ \t]*){3,}$|\|?[ \t]*:?-+:?[ \t]*\|[ \t|:-]*$)",
        RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex BlockSyntax();

    // Inline constructs: **bold**, __bold__, *italic*, _italic_, ~~strike~~, [link](url), ![image](url), `code`.
    [GeneratedRegex(
        @"\*\*(?=\S)[^*\n]*\S\*\*|(?<![\w\\])__(?=\S)[^_\n]*\S__(?!\w)|(?<![\w*\\])\*(?=[^\s*])[^*\n]*[^\s*]?\*(?![\w*])|(?<![\w\\])_(?=[^\s_])[^_\n]*_(?!\w)|~~(?=\S)[^~\n]*\S~~|!?\[[^\]\n]+\]\([^)\s]+(?:\s+""[^""\n]*"")?\)|`[^`\n]+`",
        RegexOptions.CultureInvariant)]
    private static partial Regex InlineSyntax();
}
