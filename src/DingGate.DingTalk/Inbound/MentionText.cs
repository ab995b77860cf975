namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Cleans the text of a message addressed to the bot: DingTalk removes the @bot mention from group text but leaves
/// the space before it (<c>" 你好"</c>), and some clients leave the "@BotName" itself; both go.
/// </summary>
internal static class MentionText
{
    public static string Clean(string text, string? botName)
    {
        var result = text.Trim();
        if (string.IsNullOrWhiteSpace(botName))
        {
            return result;
        }

        var mention = "@" + botName.Trim();
        while (result.StartsWith(mention, StringComparison.OrdinalIgnoreCase)
            && (result.Length == mention.Length || char.IsWhiteSpace(result[mention.Length])))
        {
            result = result[mention.Length..].TrimStart();
        }

        return result;
    }
}
