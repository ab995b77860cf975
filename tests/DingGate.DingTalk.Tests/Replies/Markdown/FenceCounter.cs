using System.Text.RegularExpressions;

namespace DingGate.DingTalk.Tests.Replies.Markdown;

/// <summary>An independent CommonMark-style fence tracker for the tests (regex based, unlike the production scanner).</summary>
internal static partial class FenceCounter
{
    /// <summary>True when <paramref name="text"/>, read on its own, ends outside any code fence.</summary>
    public static bool EndsClosed(string text)
    {
        string? open = null;
        foreach (var line in text.Split('\n'))
        {
            if (open is null)
            {
                var m = Opener().Match(line);
                if (m.Success)
                {
                    open = m.Groups[1].Value;
                }
            }
            else if (Regex.IsMatch(line, "^ {0,3}" + Regex.Escape(open[0].ToString()) + "{" + open.Length + @",}[ \t\r]*$"))
            {
                open = null;
            }
        }

        return open is null;
    }

    [GeneratedRegex(@"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")]
    private static partial Regex Opener();
}
