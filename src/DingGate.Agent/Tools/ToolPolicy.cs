using DingGate.Core.Configuration;

namespace DingGate.Agent.Tools;

/// <summary>
/// Which agent may use which tool and which tools run only for owners. A pattern is <c>*</c> (every tool of every
/// source), a bare tool name (a built-in tool of that name), <c>mcp:&lt;server&gt;/*</c> (every tool of that server) or
/// <c>mcp:&lt;server&gt;/&lt;tool&gt;</c> (one tool, by the name the server's source gives it). Deny wins over allow;
/// nothing allowed means no tools.
/// </summary>
internal static class ToolPolicy
{
    /// <summary>Whether <paramref name="pattern"/> names tool <paramref name="name"/> of source <paramref name="source"/>.</summary>
    public static bool Matches(string pattern, string source, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern == "*")
        {
            return true;
        }

        if (!pattern.StartsWith(ToolSources.McpPrefix, StringComparison.Ordinal))
        {
            return source == ToolSources.Builtin && string.Equals(pattern, name, StringComparison.Ordinal);
        }

        var slash = pattern.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !string.Equals(pattern[..slash], source, StringComparison.Ordinal))
        {
            return false;
        }

        var tool = pattern[(slash + 1)..];
        return tool == "*" || string.Equals(tool, name, StringComparison.Ordinal);
    }

    /// <summary>Whether an agent with <paramref name="settings"/> may use the tool: some allow pattern names it and no deny pattern does.</summary>
    public static bool IsAllowed(AgentToolSettings settings, string source, string name)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Allow.Any(p => Matches(p, source, name)) && !settings.Deny.Any(p => Matches(p, source, name));
    }

    /// <summary>
    /// Whether the tool runs only for owners: named by <c>tools.ownerOnly</c> (default <see cref="ToolsSettings.DefaultOwnerOnly"/>)
    /// or offered by an MCP server marked <c>ownerOnly</c>.
    /// </summary>
    public static bool IsOwnerOnly(DinggateConfig config, string source, string name)
    {
        ArgumentNullException.ThrowIfNull(config);
        var patterns = config.Tools.OwnerOnly ?? [.. ToolsSettings.DefaultOwnerOnly];
        if (patterns.Any(p => Matches(p, source, name)))
        {
            return true;
        }

        return source.StartsWith(ToolSources.McpPrefix, StringComparison.Ordinal)
            && config.Mcp.Servers.TryGetValue(source[ToolSources.McpPrefix.Length..], out var server)
            && server.OwnerOnly == true;
    }
}
