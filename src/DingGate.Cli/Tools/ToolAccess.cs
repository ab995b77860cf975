using DingGate.Agent.Tools;
using DingGate.Core.Configuration;

namespace DingGate.Cli.Tools;

/// <summary>
/// Which agents may use a tool and whether it is owner-only, from the configuration: an agent's <c>tools.allow</c>
/// minus its <c>tools.deny</c> (deny wins), each entry <c>*</c>, a tool name, <c>mcp:&lt;server&gt;/*</c> or
/// <c>mcp:&lt;server&gt;/&lt;tool&gt;</c>; owner-only when <c>tools.ownerOnly</c> matches it or its MCP server has
/// <c>ownerOnly: true</c>. The agents are those under <c>agents</c> plus the implicit <c>default</c>.
/// </summary>
internal sealed class ToolAccess(DinggateConfig config)
{
    private const string DefaultAgent = "default";

    /// <summary>Every agent name, ordered (the implicit <c>default</c> included).</summary>
    public IReadOnlyList<string> Agents { get; } = [.. config.Agents.Keys.Append(DefaultAgent).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The agents that may use tool <paramref name="name"/> of <paramref name="source"/>.</summary>
    public IReadOnlyList<string> AgentsFor(string source, string name) =>
        [.. Agents.Where(agent => config.Agents.TryGetValue(agent, out var settings)
            && settings.Tools.Allow.Any(p => Matches(p, source, name))
            && !settings.Tools.Deny.Any(p => Matches(p, source, name)))];

    /// <summary>Whether tool <paramref name="name"/> of <paramref name="source"/> runs only for owners.</summary>
    public bool IsOwnerOnly(string source, string name)
    {
        IEnumerable<string> patterns = config.Tools.OwnerOnly ?? [.. ToolsSettings.DefaultOwnerOnly];
        if (patterns.Any(p => Matches(p, source, name)))
        {
            return true;
        }

        return source.StartsWith(ToolSources.McpPrefix, StringComparison.Ordinal)
            && config.Mcp.Servers.TryGetValue(source[ToolSources.McpPrefix.Length..], out var server)
            && server.OwnerOnly == true;
    }

    /// <summary>Whether <paramref name="pattern"/> names tool <paramref name="name"/> of <paramref name="source"/>.</summary>
    public static bool Matches(string pattern, string source, string name)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (pattern.StartsWith(ToolSources.McpPrefix, StringComparison.Ordinal))
        {
            var slash = pattern.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || pattern[..slash] != source)
            {
                return false;
            }

            var tool = pattern[(slash + 1)..];
            return tool == "*" || tool == name;
        }

        return pattern == name;
    }
}
