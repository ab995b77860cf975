namespace DingGate.Core.Configuration;

/// <summary>
/// <c>agents.&lt;name&gt;.tools</c>: which tools the agent may use. Entries are tool names or
/// <c>mcp:&lt;server&gt;/*</c> (every tool of a server) or <c>mcp:&lt;server&gt;/&lt;tool&gt;</c>; <c>*</c> is every
/// tool. Deny wins over allow. Nothing allowed (the default): the agent has no tools.
/// </summary>
public sealed class AgentToolSettings
{
    /// <summary>Allowed tools.</summary>
    public IList<string> Allow { get; set; } = [];

    /// <summary>Denied tools (win over <see cref="Allow"/>).</summary>
    public IList<string> Deny { get; set; } = [];
}
