using DingGate.Agent.Providers;
using DingGate.Agent.Running;
using DingGate.Core.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Agent.Tests.Support;

internal static class Runners
{
    public static ServiceProvider Build(DinggateConfig config, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new DingGate.Agent.Demo.DemoChatOptions { DeltaDelay = TimeSpan.Zero });
        configure?.Invoke(services);
        services.AddAgent(config);
        return services.BuildServiceProvider();
    }

    public static IAgentRunner Runner(this ServiceProvider services) => services.GetRequiredService<IAgentRunner>();

    public static DinggateConfig Config(ModelSettings? model = null, string? systemPrompt = null)
    {
        var config = new DinggateConfig();
        if (model is not null)
        {
            config.Models["default"] = model;
        }

        if (systemPrompt is not null)
        {
            config.Agents["default"] = new AgentSettings { SystemPrompt = systemPrompt };
        }

        return config;
    }

    public static void UseClient(this IServiceCollection services, IChatClient client) =>
        services.AddSingleton<IChatClientProvider>(new FixedChatClientProvider(client));

    private sealed class FixedChatClientProvider(IChatClient client) : IChatClientProvider
    {
        public IChatClient GetClient(string modelName, ModelSettings settings) => client;
    }
}
