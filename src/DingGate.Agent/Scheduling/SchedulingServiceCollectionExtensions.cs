using DingGate.Agent.Tools;
using DingGate.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DingGate.Agent.Scheduling;

/// <summary>Registers scheduled jobs.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Registers scheduled jobs for <paramref name="config"/> (<c>tools.schedule</c>): the <c>schedule</c> built-in tool,
    /// the job registry behind it and <c>/jobs</c>, and the scheduler a host runs (<c>JobScheduler.RunAsync</c>). Needs
    /// the agent (<c>AddAgent</c>), an <c>IScheduledJobStore</c> (<c>AddSqliteStorage</c>) and, to run the scheduler,
    /// an <c>IMessageSender</c> (the DingTalk channel). Uses the registered <see cref="TimeProvider"/> (else the system one).
    /// </summary>
    public static IServiceCollection AddScheduledJobs(this IServiceCollection services, DinggateConfig config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ScheduleOptions.From(config.Tools.Schedule));
        services.TryAddSingleton(sp => new AccountOwners(sp.GetService<LiveConfig>() ?? new LiveConfig(config)));
        services.TryAddSingleton<JobWakeSignal>();
        services.TryAddSingleton(sp => new Sessions.AccountLocales(sp.GetService<LiveConfig>()));
        services.TryAddSingleton<JobRegistry>();
        services.TryAddSingleton<JobScheduler>();
        services.TryAddSingleton<Sessions.Commands.JobsCommandHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuiltinTool, ScheduleTool>());
        return services;
    }
}
