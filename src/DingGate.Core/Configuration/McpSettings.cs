namespace DingGate.Core.Configuration;

/// <summary><c>mcp</c>: Model Context Protocol servers whose tools the agents may use.</summary>
public sealed class McpSettings
{
    /// <summary><c>mcp.servers</c> by name (the name is the tool source: <c>mcp:&lt;name&gt;</c>).</summary>
    public IDictionary<string, McpServerSettings> Servers { get; } = new Dictionary<string, McpServerSettings>(StringComparer.Ordinal);
}
