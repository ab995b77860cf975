using DingGate.Agent.Providers;
using DingGate.Agent.Running;
using DingGate.Agent.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Agent.Tests.Running;

public sealed class AgentResolutionTests
{
    [Fact]
    public async Task Describe_NoModels_DemoModel()
    {
        await using var services = Runners.Build(new DinggateConfig());

        var info = services.Runner().Describe(Dm("main"));

        Assert.Equal(new AgentInfo("default", "demo", "demo"), info);
    }

    [Fact]
    public async Task Describe_AccountBinding_WinsOverWildcard()
    {
        var config = new DinggateConfig();
        config.Models["default"] = new ModelSettings { Provider = "openai", Model = "qwen-plus" };
        config.Models["claude"] = new ModelSettings { Provider = "anthropic", Model = "claude-x" };
        config.Agents["support"] = new AgentSettings { Model = "claude" };
        config.Agents["general"] = new AgentSettings();
        config.Bindings.Add(new AgentBinding { Account = "*", Agent = "general" });
        config.Bindings.Add(new AgentBinding { Account = "help", Agent = "support" });
        await using var services = Runners.Build(config);

        Assert.Equal(new AgentInfo("support", "anthropic", "claude-x"), services.Runner().Describe(Dm("help")));
        Assert.Equal(new AgentInfo("general", "openai", "qwen-plus"), services.Runner().Describe(Dm("main")));
    }

    [Fact]
    public async Task Describe_AgentNamesUnknownModel_ClearError()
    {
        var config = new DinggateConfig();
        config.Models["default"] = new ModelSettings { Provider = "openai", Model = "m" };
        config.Agents["default"] = new AgentSettings { Model = "gpt5" };
        await using var services = Runners.Build(config);

        var error = Assert.Throws<ModelConfigurationException>(() => services.Runner().Describe(Dm("main")));

        Assert.Contains("agents.default.model", error.Message, StringComparison.Ordinal);
        Assert.Contains("gpt5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_BindingToUnknownAgent_ClearError()
    {
        var config = new DinggateConfig();
        config.Bindings.Add(new AgentBinding { Account = "main", Agent = "ghost" });
        await using var services = Runners.Build(config);

        var error = Assert.Throws<ModelConfigurationException>(() => services.Runner().Describe(Dm("main")));

        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
    }

    // Most specific first: peer + account > peer (any account) > account > any account > the agent "default".
    [Fact]
    public async Task Describe_Precedence_MostSpecificBindingWinsWhateverItsPlaceInTheFile()
    {
        var config = Routed();
        config.Bindings.Add(new AgentBinding { Agent = "everyone" });
        config.Bindings.Add(new AgentBinding { Account = "main", Agent = "mainbot" });
        config.Bindings.Add(new AgentBinding { Peer = "group:cidSales==", Agent = "sales" });
        config.Bindings.Add(new AgentBinding { Account = "main", Peer = "group:cidSales==", Agent = "salesmain" });
        config.Bindings.Add(new AgentBinding { Peer = "user:boss01", Agent = "boss" });
        await using var services = Runners.Build(config);
        var runner = services.Runner();

        Assert.Equal("salesmain", runner.Describe(Group("main", "cidSales==")).AgentName);
        Assert.Equal("sales", runner.Describe(Group("other", "cidSales==")).AgentName);
        Assert.Equal("mainbot", runner.Describe(Group("main", "cidOther==")).AgentName);
        Assert.Equal("everyone", runner.Describe(Group("other", "cidOther==")).AgentName);
        Assert.Equal("boss", runner.Describe(Dm("main", "boss01")).AgentName);
        Assert.Equal("mainbot", runner.Describe(Dm("main", "user001")).AgentName);
    }

    // A user: binding is for the user's 1:1 chats (OpenClaw's direct peer): in a group the group's routing applies.
    [Fact]
    public async Task Describe_UserBinding_AppliesToTheUsersDmsNotToTheirGroupMessages()
    {
        var config = Routed();
        config.Bindings.Add(new AgentBinding { Peer = "user:boss01", Agent = "boss" });
        config.Bindings.Add(new AgentBinding { Peer = "group:cidSales==", Agent = "sales" });
        await using var services = Runners.Build(config);
        var runner = services.Runner();

        Assert.Equal("boss", runner.Describe(Dm("main", "boss01")).AgentName);
        Assert.Equal("sales", runner.Describe(Group("main", "cidSales==", "boss01")).AgentName);
        Assert.Equal("default", runner.Describe(Group("main", "cidOther==", "boss01")).AgentName);
    }

    // Equal tiers: the first in file order; a binding for another channel never matches.
    [Fact]
    public async Task Describe_SameTier_FirstInFileOrderWins()
    {
        var config = Routed();
        config.Bindings.Add(new AgentBinding { Channel = "slack", Peer = "group:cidSales==", Agent = "boss" });
        config.Bindings.Add(new AgentBinding { Account = "*", Peer = "group:cidSales==", Agent = "sales" });
        config.Bindings.Add(new AgentBinding { Peer = "group:cidSales==", Agent = "mainbot" });
        await using var services = Runners.Build(config);

        Assert.Equal("sales", services.Runner().Describe(Group("main", "cidSales==")).AgentName);
    }

    // Bindings are read from the configuration in force at each message: a reload routes the next message anew.
    [Fact]
    public async Task Describe_LiveConfigReplaced_NextMessageFollowsTheNewBindings()
    {
        var config = Routed();
        await using var services = Runners.Build(config);
        var live = services.GetRequiredService<LiveConfig>();
        Assert.Equal("default", services.Runner().Describe(Group("main", "cidSales==")).AgentName);

        var next = Routed();
        next.Bindings.Add(new AgentBinding { Peer = "group:cidSales==", Agent = "sales" });
        live.Replace(next);

        Assert.Equal("sales", services.Runner().Describe(Group("main", "cidSales==")).AgentName);
    }

    private static DinggateConfig Routed()
    {
        var config = new DinggateConfig();
        foreach (var name in new[] { "everyone", "mainbot", "sales", "salesmain", "boss" })
        {
            config.Agents[name] = new AgentSettings();
        }

        return config;
    }

    private static InboundMessage Dm(string accountId, string staffId = "staff-1") =>
        Messages.Text("q") with { AccountId = accountId, Sender = new InboundSender("sender-" + staffId, staffId, "张三", "corp-1", false) };

    private static InboundMessage Group(string accountId, string cid, string staffId = "staff-1") =>
        Messages.Text("q", conversation: ConversationKind.Group) with
        {
            AccountId = accountId, ConversationId = cid, Sender = new InboundSender("sender-" + staffId, staffId, "张三", "corp-1", false),
        };
}
