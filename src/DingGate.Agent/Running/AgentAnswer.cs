namespace DingGate.Agent.Running;

/// <summary>What a turn produced: the answer text, the user text as the model read it (for the history) and usage.</summary>
internal sealed record AgentAnswer(string Text, string UserText, long InputTokens, long OutputTokens);
