namespace DingGate.Agent.Tools.Mcp;

/// <summary>
/// One MCP server as last seen: its status, its tools (the last listing, kept while it is down so listings can show
/// what is missing), why it is down, and how many times it was (re)started.
/// </summary>
internal sealed record McpServerState(McpServerStatus Status, IReadOnlyList<McpToolFunction> Tools, string? Error, int Starts)
{
    /// <summary>Before the first start.</summary>
    public static McpServerState Initial { get; } = new(McpServerStatus.Starting, [], null, 0);
}
