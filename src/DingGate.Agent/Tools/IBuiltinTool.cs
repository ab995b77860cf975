using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tools;

/// <summary>
/// One built-in DingTalk tool (<c>send_file</c>, <c>send_message</c>, <c>schedule</c>, <c>fetch_url</c>): registered
/// as a singleton <c>IEnumerable&lt;IBuiltinTool&gt;</c> and offered by the <see cref="ToolSources.Builtin"/> source.
/// Off unless an agent's <c>tools.allow</c> names it.
/// </summary>
internal interface IBuiltinTool
{
    /// <summary>The tool's name as the model sees it (snake_case).</summary>
    string Name { get; }

    /// <summary>What it does, for listings.</summary>
    string Description { get; }

    /// <summary>The function for one turn, bound to it.</summary>
    AIFunction Create(ToolTurnContext turn);
}
