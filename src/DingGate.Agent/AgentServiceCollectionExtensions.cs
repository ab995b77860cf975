using DingGate.Agent.Attachments;
using DingGate.Agent.Demo;
using DingGate.Agent.Providers;
using DingGate.Agent.Running;
using DingGate.Agent.Tools;
using DingGate.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DingGate.Agent;

/// <summary>Registers the agent.</summary>
public static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// Registers the agent runner for <paramref name="config"/>: agent resolution (bindings, agents, models; the offline
    /// demo model when no model is configured), one chat client per model created on first use, attachment text
    /// extraction. Uses the registered <see cref="TimeProvider"/> (else the system one), logging when registered,
    /// <see cref="DemoChatOptions"/> and <see cref="ExtractionLimits"/> when registered (else the defaults, and the
    /// limits of the <c>attachments</c> section). A chat client
    /// provider registered by a host or test replaces the configured clients. Tools: a <see cref="ToolCatalog"/> over
    /// every registered <see cref="IToolSource"/>, the built-in source among them (every registered
    /// <see cref="IBuiltinTool"/>); register more sources and built-in tools before or after this call. The host's
    /// <c>SecretRedactor</c>, when registered, cleans the error results of failing tools.
    /// </summary>
    public static IServiceCollection AddAgent(this IServiceCollection services, DinggateConfig config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new DemoChatOptions());
        services.TryAddSingleton(ExtractionLimits.From(config.Attachments));
        services.TryAddSingleton<ChatClientFactory>();
        services.TryAddSingleton<IChatClientProvider, ConfiguredChatClientProvider>();
        services.TryAddSingleton<AttachmentTextExtractor>();
        services.TryAddSingleton<PromptBuilder>();
        // The host registers the one LiveConfig it reloads; hosts and tests without reload get one over config.
        services.TryAddSingleton(_ => new LiveConfig(config));
        services.TryAddSingleton(sp => new AgentResolver(sp.GetRequiredService<LiveConfig>()));
        services.TryAddSingleton(sp => new Sessions.AccountLocales(sp.GetRequiredService<LiveConfig>()));
        services.TryAddSingleton(sp => new Sessions.SessionKeys(sp.GetRequiredService<LiveConfig>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IToolSource, BuiltinToolSource>());
        services.TryAddSingleton(sp => new ToolCatalog(
            sp.GetServices<IToolSource>(),
            config,
            sp.GetService<Microsoft.Extensions.Logging.ILogger<ToolCatalog>>(),
            sp.GetRequiredService<LiveConfig>()));
        services.TryAddSingleton<IAgentRunner>(sp => new AgentRunner(
            sp.GetRequiredService<AgentResolver>(),
            sp.GetRequiredService<IChatClientProvider>(),
            sp.GetRequiredService<PromptBuilder>(),
            sp.GetRequiredService<Sessions.SessionKeys>(),
            config,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<AgentRunner>>(),
            sp.GetRequiredService<ToolCatalog>(),
            sp.GetService<Core.Secrets.SecretRedactor>(),
            sp.GetService<Tools.Builtin.MediaLines>(),
            sp.GetRequiredService<LiveConfig>(),
            sp.GetRequiredService<Sessions.AccountLocales>()));
        return services;
    }
}
