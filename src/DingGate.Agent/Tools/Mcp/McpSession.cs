using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace DingGate.Agent.Tools.Mcp;

/// <summary>One live connection to an MCP server: the SDK client and the tools it listed.</summary>
internal sealed record McpSession(McpClient Client, IReadOnlyList<Tool> Tools);
