using DingGate.Agent.Sessions;
using DingGate.Agent.Tests.Support;
using DingGate.Core.Inbound;
using DingGate.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Agent.Tests.Sessions;

public sealed class HistoryBudgetProviderTests
{
    [Fact]
    public void For_AccountBoundToAgentWithBudget_UsesTheAgentsBudget()
    {
        var config = new DinggateConfig();
        config.Agents["short"] = new AgentSettings { MaxHistoryMessages = 4, MaxHistoryChars = 900 };
        config.Bindings.Add(new AgentBinding { Channel = "dingtalk", Account = "sales", Agent = "short" });

        using var services = Services(config);
        var budgets = services.GetRequiredService<IHistoryBudgetProvider>();

        Assert.Equal(new HistoryBudget(4, 900), budgets.For(At("sales")));
        Assert.Equal(HistoryBudget.Default, budgets.For(At("support")));
    }

    [Fact]
    public void For_AgentSettingOnlyMessages_CharsKeepDefault()
    {
        var config = new DinggateConfig();
        config.Agents["default"] = new AgentSettings { MaxHistoryMessages = 10 };

        using var services = Services(config);

        var budget = services.GetRequiredService<IHistoryBudgetProvider>().For(At("any"));

        Assert.Equal(new HistoryBudget(10, HistoryBudget.Default.MaxChars), budget);
    }

    [Fact]
    public void For_BindingToUndefinedAgent_DefaultBudgetInsteadOfThrowing()
    {
        var config = new DinggateConfig();
        config.Bindings.Add(new AgentBinding { Channel = "dingtalk", Account = "x", Agent = "missing" });

        using var services = Services(config);

        Assert.Equal(HistoryBudget.Default, services.GetRequiredService<IHistoryBudgetProvider>().For(At("x")));
    }

    private static InboundMessage At(string accountId) => Messages.Text("q") with { AccountId = accountId };

    private static ServiceProvider Services(DinggateConfig config) =>
        new ServiceCollection().AddAgent(config).AddAgentSessions(new SessionSettings()).BuildServiceProvider();
}
