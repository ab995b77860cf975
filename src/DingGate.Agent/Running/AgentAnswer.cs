using DingGate.Core.Sessions;

namespace DingGate.Agent.Running;

/// <summary>
/// What a turn produced: the answer text, the user text as the model read it (for the history), usage, and the tool
/// calls and results on the way (history turns, stored between the user's message and the answer).
/// </summary>
internal sealed record AgentAnswer(string Text, string UserText, long InputTokens, long OutputTokens)
{
    public IReadOnlyList<SessionTurn> ToolSteps { get; init; } = [];
}
