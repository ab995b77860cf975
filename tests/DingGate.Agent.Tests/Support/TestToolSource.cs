using DingGate.Agent.Tools;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tests.Support;

// A tool source standing in for an MCP server (name mcp:<server>) in policy tests.
internal sealed class TestToolSource(string name, params IBuiltinTool[] tools) : IToolSource
{
    public string Name => name;

    public IReadOnlyList<ToolDescriptor> Describe() => [.. tools.Select(t => new ToolDescriptor(t.Name, name, t.Description, true))];

    public IReadOnlyList<AIFunction> ToolsFor(ToolTurnContext turn) => [.. tools.Select(t => t.Create(turn))];
}
