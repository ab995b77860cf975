using DingGate.Agent.Sessions.Commands;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.Agent.Sessions;

/// <summary>Registers the session layer: per-session queue, chat commands and the gateway's inbound handler.</summary>
public static class SessionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IInboundHandler"/> (commands answered at once, other messages queued per session and run
    /// by the agent), the per-session queue (a singleton: resolve nothing else to stop it; disposing the container
    /// stops it at once, a host wanting a graceful stop calls its <c>StopAsync</c> with the shutdown token) and the
    /// commands. Needs the agent runner (<c>AddAgent</c>) and an <c>ISessionStore</c> (<c>AddSqliteStorage</c>).
    /// Uses the registered <see cref="TimeProvider"/> (else the system one) and logging when registered.
    /// <paramref name="maxConcurrentTurns"/> (<c>agents.maxConcurrentTurns</c>) bounds the turns running at once across
    /// all sessions; null: <see cref="DinggateConfig.DefaultMaxConcurrentTurns"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="settings"/> has an unknown scope or a negative queue depth,
    /// or <paramref name="maxConcurrentTurns"/> is outside 1 to <see cref="DinggateConfig.MaxMaxConcurrentTurns"/>.</exception>
    public static IServiceCollection AddAgentSessions(this IServiceCollection services, SessionSettings settings, int? maxConcurrentTurns = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = SessionOptions.From(settings, maxConcurrentTurns);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton<IHistoryBudgetProvider>(sp => sp.GetService<Running.AgentResolver>() is { } resolver
            ? new AgentHistoryBudgetProvider(resolver)
            : new DefaultHistoryBudgetProvider());
        services.TryAddSingleton(sp => new AccountLocales(sp.GetService<LiveConfig>()));
        services.TryAddSingleton<ISessionTurnRunner>(sp => new AgentTurnRunner(
            sp.GetRequiredService<Core.Sessions.ISessionStore>(),
            sp.GetRequiredService<Running.IAgentRunner>(),
            sp.GetRequiredService<IHistoryBudgetProvider>(),
            sp.GetRequiredService<TimeProvider>(),
            LoggerOf<AgentTurnRunner>(sp),
            sp.GetRequiredService<AccountLocales>(),
            historyFirst: sp.GetService<Core.Cluster.ReplicaIdentity>() is { Clustered: true }));
        services.TryAddSingleton(sp => new SessionQueue(
            sp.GetRequiredService<SessionOptions>(), sp.GetRequiredService<ISessionTurnRunner>(), LoggerOf<SessionQueue>(sp), sp.GetRequiredService<AccountLocales>()));
        services.TryAddSingleton<SessionCommandHandler>();
        services.TryAddSingleton<IInboundHandler, AgentInboundHandler>();
        return services;
    }

    private static ILogger<T> LoggerOf<T>(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;
}
