namespace DingGate.Cli.Tools;

/// <summary>The output of <c>dinggate tools list</c>: every tool, every MCP server, every agent.</summary>
internal sealed record ToolListing(IReadOnlyList<ToolListingTool> Tools, IReadOnlyList<ToolListingServer> Servers, IReadOnlyList<string> Agents);
