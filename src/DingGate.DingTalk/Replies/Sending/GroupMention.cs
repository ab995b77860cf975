namespace DingGate.DingTalk.Replies.Sending;

/// <summary>
/// Where the @sender goes in a group answer. DingTalk renders an @ only when <c>@&lt;userId&gt;</c> is in the text and
/// the id in <c>at.atUserIds</c> (spec §4.1). Written in front of markdown that opens with a block (a list item, a
/// heading, a table row, a code fence, a quote), on the same line it would turn <c>- item</c> or <c>## Title</c> into
/// plain text; there it gets a line of its own, before a blank line.
/// </summary>
internal static class GroupMention
{
    /// <summary>Most characters the mention adds to a part (for splitting).</summary>
    public static int Length(string userId) => userId.Length + 3;

    /// <summary><paramref name="text"/> with the mention of <paramref name="userId"/> in front.</summary>
    public static string Prefix(string userId, string text, bool markdown) =>
        markdown && OpensWithBlock(text) ? "@" + userId + "\n\n" + text : "@" + userId + " " + text;

    /// <summary>Whether the first line of <paramref name="text"/> starts a markdown block an inline prefix would break.</summary>
    public static bool OpensWithBlock(string text)
    {
        var line = text.AsSpan().TrimStart('\n');
        var end = line.IndexOf('\n');
        line = (end < 0 ? line : line[..end]).TrimEnd('\r');
        var indent = 0;
        while (indent < line.Length && indent < 4 && line[indent] == ' ')
        {
            indent++;
        }

        if (indent >= 4)
        {
            return true; // an indented code block
        }

        line = line[indent..];
        if (line.StartsWith("```") || line.StartsWith("~~~") || line.StartsWith(">") || line.StartsWith("|") || line.StartsWith("#"))
        {
            return true;
        }

        if (line.Length >= 2 && line[0] is '-' or '*' or '+' && line[1] == ' ')
        {
            return true;
        }

        var digits = 0;
        while (digits < line.Length && digits < 9 && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        return digits > 0 && line.Length > digits + 1 && line[digits] is '.' or ')' && line[digits + 1] == ' ';
    }
}
