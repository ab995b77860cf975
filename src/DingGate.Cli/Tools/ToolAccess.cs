using DingGate.Agent.Tools;
using DingGate.Core.Configuration;

namespace DingGate.Cli.Tools;

/// <summary>
/// Which agents may use a tool and whether it is owner-only, by the agent's own <see cref="ToolPolicy"/> (allow minus
/// deny; <c>tools.ownerOnly</c>, a server's <c>ownerOnly</c>). The agents are those under <c>agents</c> plus the
/// implicit <c>default</c> (which has no tools unless defined).
/// </summary>
internal sealed class ToolAccess(DinggateConfig config)
{
    private const string DefaultAgent = "default";

    /// <summary>Every agent name, ordered (the implicit <c>default</c> included).</summary>
    public IReadOnlyList<string> Agents { get; } = [.. config.Agents.Keys.Append(DefaultAgent).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The agents that may use tool <paramref name="name"/> of <paramref name="source"/>.</summary>
    public IReadOnlyList<string> AgentsFor(string source, string name) =>
        [.. Agents.Where(agent => config.Agents.TryGetValue(agent, out var settings) && ToolPolicy.IsAllowed(settings.Tools, source, name))];

    /// <summary>Whether tool <paramref name="name"/> of <paramref name="source"/> runs only for owners.</summary>
    public bool IsOwnerOnly(string source, string name) => ToolPolicy.IsOwnerOnly(config, source, name);
}
