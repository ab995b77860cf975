using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tools;

/// <summary>The <see cref="ToolSources.Builtin"/> source: every registered <see cref="IBuiltinTool"/>, always available.</summary>
internal sealed class BuiltinToolSource(IEnumerable<IBuiltinTool> tools) : IToolSource
{
    private readonly IReadOnlyList<IBuiltinTool> _tools = [.. tools];

    public string Name => ToolSources.Builtin;

    public IReadOnlyList<ToolDescriptor> Describe() =>
        [.. _tools.Select(t => new ToolDescriptor(t.Name, ToolSources.Builtin, t.Description, Available: true))];

    public IReadOnlyList<AIFunction> ToolsFor(ToolTurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return [.. _tools.Select(t => t.Create(turn))];
    }
}
