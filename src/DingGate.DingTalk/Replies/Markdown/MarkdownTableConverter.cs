using System.Text;
using System.Text.RegularExpressions;

namespace DingGate.DingTalk.Replies.Markdown;

/// <summary>
/// Rewrites GFM tables, which DingTalk does not render, into a list it does (option convertMarkdownTables). A table
/// is a header row (at most 3 spaces indented, with an unescaped '|') directly followed by a delimiter row
/// (<c>|---|:--:|</c>, a '|' somewhere, as many cells as the header); its body is the following lines that are not
/// blank and contain an unescaped '|'. Tables inside code fences are left alone; tables inside quotes or list items are
/// not recognised. Each body row becomes <c>- **Header1**: cell1 · **Header2**: cell2</c>:
/// <list type="bullet">
/// <item>empty cells are skipped, a row with only empty cells is dropped, a cell under an empty header is shown
/// without a label, cells beyond the header's count are ignored (as GFM does);</item>
/// <item>a table without (non-empty) body rows becomes the list of its headers, one <c>- **Header**</c> per line;</item>
/// <item>cell text is kept as written (inline markdown, escaped <c>\|</c>);</item>
/// <item>the list uses the header row's line ending; a blank line is added after it when a non-blank line follows
/// directly (else that line would continue the last list item).</item>
/// </list>
/// Everything else is unchanged byte for byte.
/// </summary>
internal static partial class MarkdownTableConverter
{
    private const string Separator = " · ";

    public static string Convert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('|', StringComparison.Ordinal) || !text.Contains('-', StringComparison.Ordinal))
        {
            return text;
        }

        var lines = SplitLines(text);
        var result = new StringBuilder(text.Length);
        var fenceChar = '\0';
        var fenceLength = 0;
        var i = 0;
        while (i < lines.Count)
        {
            var line = Content(lines[i]);
            if (fenceLength > 0)
            {
                if (FenceLine.Closes(line, fenceChar, fenceLength))
                {
                    fenceLength = 0;
                }
            }
            else if (FenceLine.TryOpen(line, out fenceChar, out fenceLength))
            {
                // Inside a fence from the next line on.
            }
            else if (i + 1 < lines.Count && TryTable(lines, i, out var end, out var converted))
            {
                result.Append(converted);
                i = end;
                continue;
            }

            result.Append(lines[i]);
            i++;
        }

        return result.ToString();
    }

    // A table whose header is lines[start]: its replacement and the index of the first line after it.
    private static bool TryTable(List<string> lines, int start, out int end, out string converted)
    {
        end = start;
        converted = string.Empty;
        var header = Content(lines[start]);
        var delimiter = Content(lines[start + 1]);
        if (Indent(header) > 3 || !HasPipe(header) || !delimiter.Contains('|', StringComparison.Ordinal) || Indent(delimiter) > 3)
        {
            return false;
        }

        var headers = Cells(header);
        var aligns = Cells(delimiter);
        if (headers.Count != aligns.Count || !aligns.TrueForAll(a => DelimiterCell().IsMatch(a)))
        {
            return false;
        }

        end = start + 2;
        var newline = lines[start].EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var items = new List<string>();
        while (end < lines.Count)
        {
            var row = Content(lines[end]);
            if (string.IsNullOrWhiteSpace(row) || !HasPipe(row))
            {
                break;
            }

            var item = Item(headers, Cells(row));
            if (item.Length > 0)
            {
                items.Add(item);
            }

            end++;
        }

        if (items.Count == 0)
        {
            items.AddRange(headers.Where(h => h.Length > 0).Select(h => $"- **{h}**"));
            if (items.Count == 0)
            {
                end = start;
                return false;
            }
        }

        var last = lines[end - 1];
        var terminated = last.EndsWith('\n');
        var followedByText = end < lines.Count && !string.IsNullOrWhiteSpace(lines[end]);
        converted = string.Join(newline, items) + (terminated ? newline : string.Empty) + (followedByText ? newline : string.Empty);
        return true;
    }

    private static string Item(List<string> headers, List<string> cells)
    {
        var parts = new List<string>();
        for (var c = 0; c < headers.Count && c < cells.Count; c++)
        {
            if (cells[c].Length == 0)
            {
                continue;
            }

            parts.Add(headers[c].Length > 0 ? $"**{headers[c]}**: {cells[c]}" : cells[c]);
        }

        return parts.Count == 0 ? string.Empty : "- " + string.Join(Separator, parts);
    }

    // Cells of a row: outer pipes optional, split at unescaped pipes, trimmed.
    private static List<string> Cells(string row)
    {
        var s = row.Trim();
        if (s.StartsWith('|'))
        {
            s = s[1..];
        }

        if (s.EndsWith('|') && !IsEscaped(s, s.Length - 1))
        {
            s = s[..^1];
        }

        var cells = new List<string>();
        var from = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '|' && !IsEscaped(s, i))
            {
                cells.Add(s[from..i].Trim());
                from = i + 1;
            }
        }

        cells.Add(s[from..].Trim());
        return cells;
    }

    private static bool HasPipe(string line)
    {
        for (var i = line.IndexOf('|', StringComparison.Ordinal); i >= 0; i = line.IndexOf('|', i + 1))
        {
            if (!IsEscaped(line, i))
            {
                return true;
            }
        }

        return false;
    }

    // Preceded by an odd number of backslashes.
    private static bool IsEscaped(string s, int i)
    {
        var n = 0;
        while (i - n - 1 >= 0 && s[i - n - 1] == '\\')
        {
            n++;
        }

        return n % 2 == 1;
    }

    private static int Indent(string line)
    {
        var n = 0;
        while (n < line.Length && line[n] == ' ')
        {
            n++;
        }

        return n;
    }

    // The line without its terminator.
    private static string Content(string line) => line.TrimEnd('\n').TrimEnd('\r');

    // Lines with their terminators ("\n" or "\r\n"); the last one may have none.
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return lines;
    }

    [GeneratedRegex(@"^:?-+:?$", RegexOptions.CultureInvariant)]
    private static partial Regex DelimiterCell();
}
