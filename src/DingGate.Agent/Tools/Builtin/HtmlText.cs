using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DingGate.Agent.Tools.Builtin;

// HTML reduced to readable text for the model: comments, script, style, noscript, svg, template and head content
// dropped (the title kept as the first line), block elements turned into line breaks, every other tag removed,
// entities decoded, runs of spaces collapsed, one line per block and no blank lines.
internal static partial class HtmlText
{
    public static string ToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var title = TitlePattern().Match(html) is { Success: true } m ? Collapse(WebUtility.HtmlDecode(TagPattern().Replace(m.Groups[1].Value, " "))) : null;
        var text = CommentPattern().Replace(html, " ");
        text = DroppedPattern().Replace(text, " ");
        text = BlockPattern().Replace(text, "\n");
        text = TagPattern().Replace(text, " ");
        text = WebUtility.HtmlDecode(text);
        var lines = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = Collapse(raw);
            if (line.Length > 0)
            {
                lines.Append(lines.Length > 0 ? "\n" : string.Empty).Append(line);
            }
        }

        var body = lines.ToString();
        return title is { Length: > 0 } && !body.StartsWith(title, StringComparison.Ordinal) ? title + "\n\n" + body : body;
    }

    private static string Collapse(string text) => SpacePattern().Replace(text.Replace('\u00A0', ' '), " ").Trim();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline, matchTimeoutMilliseconds: 2000)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"<title[^>]*>(.*?)</title\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"<(script|style|noscript|svg|template|head)\b[^>]*>.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex DroppedPattern();

    [GeneratedRegex(@"<\s*(br|/?p|/?div|/?li|/?ul|/?ol|/?h[1-6]|/?tr|/?table|/?section|/?article|/?header|/?footer|/?blockquote|/?pre|hr)\b[^>]*>", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex BlockPattern();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"[ \t\r\f\v]+", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex SpacePattern();
}
