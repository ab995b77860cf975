using DingGate.Agent.Tools;
using DingGate.Agent.Tools.Mcp;
using DingGate.Core.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.Cli.Tools;

/// <summary>
/// Gathers <c>dinggate tools list</c>: the built-in tools (the registered <see cref="IBuiltinTool"/>s) and each
/// enabled MCP server's tools, found by starting every server at once for at most its <c>startTimeoutMs</c>
/// (<see cref="McpProbe"/>), with who may use each (<see cref="ToolAccess"/>).
/// </summary>
internal static class ToolInventory
{
    public static async Task<ToolListing> BuildAsync(DinggateConfig config, IEnumerable<IBuiltinTool> builtins, TimeProvider time, CancellationToken cancellationToken)
    {
        var access = new ToolAccess(config);
        var tools = new List<ToolListingTool>();
        foreach (var builtin in builtins.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            tools.Add(Tool(access, ToolSources.Builtin, builtin.Name, builtin.Description, available: true));
        }

        var servers = config.Mcp.Servers.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        var probes = await Task.WhenAll(servers.Select(s => s.Value.Enabled == false
            ? Task.FromResult<McpProbeResult?>(null)
            : ProbeAsync(s.Key, s.Value, time, cancellationToken)));
        var listed = new List<ToolListingServer>();
        for (var i = 0; i < servers.Count; i++)
        {
            var (name, settings) = servers[i];
            var source = ToolSources.Mcp(name);
            var transport = settings.Url is null ? "stdio" : "http";
            if (probes[i] is not { } probe)
            {
                listed.Add(new ToolListingServer(name, source, transport, "disabled", null, 0));
                continue;
            }

            listed.Add(new ToolListingServer(name, source, transport, probe.Ok ? "ok" : "unavailable", probe.Error, probe.Tools.Count));
            tools.AddRange(probe.Tools.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => Tool(access, source, t.Name, t.Description, available: true)));
        }

        return new ToolListing(tools, listed, access.Agents);
    }

    private static async Task<McpProbeResult?> ProbeAsync(string name, McpServerSettings settings, TimeProvider time, CancellationToken cancellationToken) =>
        await McpProbe.RunAsync(name, settings, time, NullLoggerFactory.Instance, cancellationToken);

    private static ToolListingTool Tool(ToolAccess access, string source, string name, string description, bool available) =>
        new(name, source, description, available, access.IsOwnerOnly(source, name), access.AgentsFor(source, name));
}
