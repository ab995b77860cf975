namespace DingGate.DingTalk.Inbound;

/// <summary>What the parser knows about the receiving bot while mapping one payload.</summary>
/// <param name="ChatbotUserId">The bot's encrypted id from the payload (<c>chatbotUserId</c>), when given.</param>
/// <param name="BotName">The bot's display name, to strip a leading "@name" the platform left in the text.</param>
internal sealed record ParseContext(string? ChatbotUserId, string? BotName)
{
    public bool IsBot(string? dingtalkId) =>
        !string.IsNullOrEmpty(ChatbotUserId) && string.Equals(dingtalkId, ChatbotUserId, StringComparison.Ordinal);
}
