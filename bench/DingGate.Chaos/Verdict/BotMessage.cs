namespace DingGate.Chaos.Verdict;

/// <summary>A message the bot sent (webhook or OpenAPI, not a card or a reaction), as the emulator recorded it.</summary>
internal sealed record BotMessage(string ConversationId, string Kind, string Via, string Text, bool Recalled);
