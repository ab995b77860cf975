namespace DingGate.DingTalk.Replies.Markdown;

/// <summary>The title DingTalk shows in the chat list for a markdown message: the first non-empty line, stripped of markdown marks, at most 20 characters.</summary>
internal static class ReplyTitle
{
    public const int MaxLength = 20;

    public static string From(string text, string fallback = "回复")
    {
        var line = text.Split('\n').Select(l => l.Trim().TrimStart('#', '>', '-', '*', '+', ' ').Replace("**", string.Empty, StringComparison.Ordinal).Trim())
            .FirstOrDefault(l => l.Length > 0 && !l.StartsWith("```", StringComparison.Ordinal));
        if (string.IsNullOrEmpty(line))
        {
            return fallback;
        }

        var elements = System.Globalization.StringInfo.ParseCombiningCharacters(line);
        return elements.Length <= MaxLength ? line : line[..elements[MaxLength]];
    }
}
