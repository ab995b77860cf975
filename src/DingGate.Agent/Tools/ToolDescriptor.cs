namespace DingGate.Agent.Tools;

/// <summary>One tool as listed: its name, source (<c>builtin</c> or <c>mcp:&lt;server&gt;</c>), description and whether it can be called now.</summary>
internal sealed record ToolDescriptor(string Name, string Source, string Description, bool Available);
