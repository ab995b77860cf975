using DingGate.Core.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.Agent.Tools;

/// <summary>
/// Every tool source (built-ins, MCP servers) and the policy over them: which tools an agent gets for a turn
/// (<c>agents.&lt;n&gt;.tools.allow/deny</c>) and which of them only owners may run (<c>tools.ownerOnly</c>,
/// <c>mcp.servers.&lt;n&gt;.ownerOnly</c>). Sources are asked at the start of every turn, so a source's list may change.
/// </summary>
internal sealed partial class ToolCatalog(IEnumerable<IToolSource> sources, DinggateConfig config, ILogger<ToolCatalog>? logger = null, LiveConfig? live = null)
{
    // The built-ins first: a name taken by a built-in stays the built-in's.
    private readonly IReadOnlyList<IToolSource> _sources = [.. sources.OrderBy(s => s.Name == ToolSources.Builtin ? 0 : 1)];
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    // The configuration in force (tools.ownerOnly and the agents follow a reloaded config file).
    private DinggateConfig Config => live?.Current ?? config;

    /// <summary>The registered sources: the built-ins, then the others in registration order.</summary>
    public IReadOnlyList<IToolSource> Sources => _sources;

    /// <summary>Every tool of every source, available or not.</summary>
    public IReadOnlyList<ToolDescriptor> Describe() => [.. _sources.SelectMany(s => s.Describe())];

    /// <summary>The agents (names from <c>agents</c>) allowed to use <paramref name="tool"/>.</summary>
    public IReadOnlyList<string> AgentsAllowed(ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return [.. Config.Agents.Where(a => ToolPolicy.IsAllowed(a.Value.Tools, tool.Source, tool.Name)).Select(a => a.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether only owners may run <paramref name="tool"/>.</summary>
    public bool IsOwnerOnly(ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return ToolPolicy.IsOwnerOnly(Config, tool.Source, tool.Name);
    }

    /// <summary>
    /// The tools <paramref name="agent"/> may use in <paramref name="turn"/>: allowed and not denied, each name once
    /// (the first source wins), owner-only tools replaced by a refusal when the sender is not an owner. A source that
    /// fails to list its tools is skipped for this turn (logged), never failing the turn.
    /// </summary>
    public IReadOnlyList<AIFunction> ToolsFor(AgentSettings agent, ToolTurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(turn);
        var policy = agent.Tools;
        if (policy.Allow.Count == 0)
        {
            return [];
        }

        var config = Config;
        var tools = new List<AIFunction>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in _sources)
        {
            IReadOnlyList<AIFunction> offered;
            try
            {
                offered = source.ToolsFor(turn);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSourceFailed(_logger, source.Name, turn.AgentName, ex);
                continue;
            }

            foreach (var tool in offered)
            {
                if (!ToolPolicy.IsAllowed(policy, source.Name, tool.Name))
                {
                    continue;
                }

                if (!names.Add(tool.Name))
                {
                    LogDuplicateName(_logger, tool.Name, source.Name, turn.AgentName);
                    continue;
                }

                tools.Add(!turn.SenderIsOwner && ToolPolicy.IsOwnerOnly(config, source.Name, tool.Name) ? new RefusedTool(tool) : tool);
            }
        }

        return tools;
    }
}
