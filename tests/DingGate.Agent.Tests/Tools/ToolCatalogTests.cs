using DingGate.Agent.Tests.Support;
using DingGate.Agent.Tools;
using DingGate.Core.Configuration;
using DingGate.Core.Sessions;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tests.Tools;

public sealed class ToolCatalogTests
{
    [Fact]
    public async Task ToolsFor_OwnerOnlyServerForNonOwner_RefusedWithoutRunning_DeniedToolDropped_AgentsAllowedListed()
    {
        var config = new DinggateConfig();
        config.Mcp.Servers["admin"] = new McpServerSettings { Command = "admin-server", OwnerOnly = true };
        config.Mcp.Servers["docs"] = new McpServerSettings { Command = "docs-server" };
        var restart = TestTool.Returning("restart", "restarted");
        var search = TestTool.Returning("search", "found");
        var catalog = new ToolCatalog([new TestToolSource("mcp:admin", restart), new TestToolSource("mcp:docs", search)], config);
        var agent = new AgentSettings { Tools = { Allow = { "mcp:admin/*", "mcp:docs/*" }, Deny = { "mcp:docs/search" } } };
        config.Agents["ops"] = agent;
        config.Agents["chat"] = new AgentSettings { Tools = { Allow = { "mcp:docs/*" } } };

        var forGuest = catalog.ToolsFor(agent, Turn(owner: false));
        var forOwner = catalog.ToolsFor(agent, Turn(owner: true));

        Assert.Equal(["restart"], forGuest.Select(t => t.Name));
        Assert.IsType<RefusedTool>(forGuest[0]);
        Assert.StartsWith("Refused:", (string)(await forGuest[0].InvokeAsync(new AIFunctionArguments()))!, StringComparison.Ordinal);
        Assert.Equal(0, restart.Runs);
        Assert.DoesNotContain(forOwner, t => t is RefusedTool);
        Assert.Equal(["restart"], forOwner.Select(t => t.Name));
        Assert.Equal(["ops"], catalog.AgentsAllowed(new ToolDescriptor("restart", "mcp:admin", "", true)));
        Assert.Equal(["chat"], catalog.AgentsAllowed(new ToolDescriptor("search", "mcp:docs", "", true)));
        Assert.True(catalog.IsOwnerOnly(new ToolDescriptor("restart", "mcp:admin", "", true)));
    }

    [Fact]
    public void ToolsFor_SourceThrowsOrRepeatsAName_OthersStillOfferedBuiltinWins()
    {
        var config = new DinggateConfig();
        config.Mcp.Servers["broken"] = new McpServerSettings { Command = "x" };
        config.Mcp.Servers["dup"] = new McpServerSettings { Command = "y" };
        var builtin = new BuiltinToolSource([TestTool.Returning("fetch_url", "builtin")]);
        var catalog = new ToolCatalog([new ThrowingSource("mcp:broken"), new TestToolSource("mcp:dup", TestTool.Returning("fetch_url", "mcp")), builtin], config);

        var tools = catalog.ToolsFor(new AgentSettings { Tools = { Allow = { "*" } } }, Turn(owner: true));

        var only = Assert.Single(tools);
        Assert.Equal("fetch_url", only.Name);
        Assert.Equal(ToolSources.Builtin, catalog.Sources[0].Name);
    }

    private static ToolTurnContext Turn(bool owner) =>
        new(Messages.Text("q"), new SessionKey("main", "dm:sender-1"), new RecordingReplySink(), "default", owner);

    private sealed class ThrowingSource(string name) : IToolSource
    {
        public string Name => name;

        public IReadOnlyList<ToolDescriptor> Describe() => [];

        public IReadOnlyList<AIFunction> ToolsFor(ToolTurnContext turn) => throw new InvalidOperationException("server died");
    }
}
