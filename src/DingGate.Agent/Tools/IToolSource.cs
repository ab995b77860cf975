using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tools;

/// <summary>
/// Where tools come from: the built-in DingTalk tools (<see cref="ToolSources.Builtin"/>) or one MCP server
/// (<c>mcp:&lt;server&gt;</c>). Registered as singletons (<c>IEnumerable&lt;IToolSource&gt;</c>); the agent asks each
/// source for its tools at the start of every turn, so a source's list may change between turns (an MCP server that
/// died offers nothing until it is back).
/// </summary>
internal interface IToolSource
{
    /// <summary><see cref="ToolSources.Builtin"/> or <c>mcp:&lt;server&gt;</c>.</summary>
    string Name { get; }

    /// <summary>Every tool this source knows, available or not (for <c>dinggate tools list</c>, <c>doctor</c>, logs).</summary>
    IReadOnlyList<ToolDescriptor> Describe();

    /// <summary>The tools available now, bound to <paramref name="turn"/> (built-ins act on its conversation and reply).</summary>
    IReadOnlyList<AIFunction> ToolsFor(ToolTurnContext turn);
}
