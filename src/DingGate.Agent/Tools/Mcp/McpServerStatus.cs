namespace DingGate.Agent.Tools.Mcp;

/// <summary>Where an MCP server is in its life: starting, serving its tools, or down (and retried).</summary>
internal enum McpServerStatus
{
    /// <summary>Being started (or restarted) and asked for its tools.</summary>
    Starting,

    /// <summary>Started; its listed tools can be called.</summary>
    Available,

    /// <summary>Failed to start, died or stopped answering; retried with backoff, its tools unavailable meanwhile.</summary>
    Unavailable,
}
