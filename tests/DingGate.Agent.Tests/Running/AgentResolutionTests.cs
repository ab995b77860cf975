using DingGate.Agent.Providers;
using DingGate.Agent.Running;
using DingGate.Agent.Tests.Support;
using DingGate.Core.Configuration;

namespace DingGate.Agent.Tests.Running;

public sealed class AgentResolutionTests
{
    [Fact]
    public async Task Describe_NoModels_DemoModel()
    {
        await using var services = Runners.Build(new DinggateConfig());

        var info = services.Runner().Describe("main");

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

        Assert.Equal(new AgentInfo("support", "anthropic", "claude-x"), services.Runner().Describe("help"));
        Assert.Equal(new AgentInfo("general", "openai", "qwen-plus"), services.Runner().Describe("main"));
    }

    [Fact]
    public async Task Describe_AgentNamesUnknownModel_ClearError()
    {
        var config = new DinggateConfig();
        config.Models["default"] = new ModelSettings { Provider = "openai", Model = "m" };
        config.Agents["default"] = new AgentSettings { Model = "gpt5" };
        await using var services = Runners.Build(config);

        var error = Assert.Throws<ModelConfigurationException>(() => services.Runner().Describe("main"));

        Assert.Contains("agents.default.model", error.Message, StringComparison.Ordinal);
        Assert.Contains("gpt5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_BindingToUnknownAgent_ClearError()
    {
        var config = new DinggateConfig();
        config.Bindings.Add(new AgentBinding { Account = "main", Agent = "ghost" });
        await using var services = Runners.Build(config);

        var error = Assert.Throws<ModelConfigurationException>(() => services.Runner().Describe("main"));

        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
    }
}
