namespace DingGate.Agent.Tools.Mcp;

/// <summary>
/// The tools of one MCP server (<c>mcp:&lt;server&gt;</c>): its last listing, all of them when it is available and
/// none while it is starting or down (<see cref="Describe"/> still lists them, marked unavailable).
/// </summary>
internal sealed class McpToolSource(McpServerConnection server) : IToolSource
{
    /// <inheritdoc/>
    public string Name { get; } = ToolSources.Mcp(server.Name);

    /// <summary>The server behind it.</summary>
    public McpServerConnection Server => server;

    /// <inheritdoc/>
    public IReadOnlyList<ToolDescriptor> Describe()
    {
        var state = server.State;
        var available = state.Status == McpServerStatus.Available;
        return [.. state.Tools.Select(t => new ToolDescriptor(t.Name, Name, t.Description, available))];
    }

    /// <inheritdoc/>
    public IReadOnlyList<Microsoft.Extensions.AI.AIFunction> ToolsFor(ToolTurnContext turn)
    {
        var state = server.State;
        return state.Status == McpServerStatus.Available ? state.Tools : [];
    }
}
