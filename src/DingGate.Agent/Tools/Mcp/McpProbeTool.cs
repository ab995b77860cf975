namespace DingGate.Agent.Tools.Mcp;

/// <summary>One tool a probed server listed.</summary>
internal sealed record McpProbeTool(string Name, string Description);
