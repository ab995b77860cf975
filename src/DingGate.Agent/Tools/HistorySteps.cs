using DingGate.Core.Sessions;

namespace DingGate.Agent.Tools;

/// <summary>
/// Keeps a history's tool steps whole: a <see cref="SessionTurn.ToolCall"/> stays only with the
/// <see cref="SessionTurn.ToolResult"/> that answers it (the next result with its id after it, before the next user
/// message), and the other way round; unreadable steps are dropped. Other turns pass unchanged, in order.
/// </summary>
internal static class HistorySteps
{
    public static IReadOnlyList<SessionTurn> Paired(IReadOnlyList<SessionTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        var keep = new bool[turns.Count];
        for (var i = 0; i < turns.Count; i++)
        {
            if (turns[i].Role is not (SessionTurn.ToolCall or SessionTurn.ToolResult))
            {
                keep[i] = true;
                continue;
            }

            if (turns[i].Role != SessionTurn.ToolCall || ToolHistory.Call(turns[i].Text) is not { } call)
            {
                continue;
            }

            for (var j = i + 1; j < turns.Count && turns[j].Role != SessionTurn.User; j++)
            {
                if (!keep[j] && turns[j].Role == SessionTurn.ToolResult && ToolHistory.Result(turns[j].Text)?.CallId == call.CallId)
                {
                    keep[i] = keep[j] = true;
                    break;
                }
            }
        }

        return [.. turns.Where((_, i) => keep[i])];
    }
}
