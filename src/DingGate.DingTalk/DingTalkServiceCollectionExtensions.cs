using DingGate.Core.Replies;
using DingGate.Core.Storage;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Policies;
using DingGate.DingTalk.Replies;
using DingGate.DingTalk.Stream;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk;

/// <summary>Registers the DingTalk channel. Needs the stores (e.g. <c>AddSqliteStorage</c>) and an <c>IInboundHandler</c>.</summary>
public static class DingTalkServiceCollectionExtensions
{
    /// <summary>Adds <see cref="DingTalkChannel"/> and its parts for the accounts in <paramref name="options"/>.</summary>
    public static IServiceCollection AddDingTalk(this IServiceCollection services, DingTalkChannelOptions options)
    {
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddDingTalkParsingAndPolicies();
        services.AddSingleton<DingTalkApiMetrics>();
        services.AddSingleton(sp => new ApiIpGuard(options.Settings.IpRateLimit ?? ApiIpGuard.DefaultLimit, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<StreamMetrics>();
        services.AddSingleton<ReplyMetrics>();
        services.AddSingleton<Inbound.InboundMetrics>();
        services.AddSingleton(sp => new DingTalkTelemetry(
            sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<DingTalkApiMetrics>(), sp.GetRequiredService<StreamMetrics>(),
            sp.GetRequiredService<ReplyMetrics>(), sp.GetRequiredService<Inbound.InboundMetrics>()));
        services.AddSingleton(sp => new Quota.QuotaGovernor(
            options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Quota.QuotaGovernor>>(), sp.GetService<IApiUsageStore>(),
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetService<Core.Coordination.ISharedCounters>()));
        services.AddSingleton<DingTalkAccountRuntimeFactory>();
        services.AddSingleton(sp => new Diagnostics.DingTalkProbe(options, sp.GetRequiredService<DingTalkTelemetry>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DingTalkChannel(options, sp.GetRequiredService<DingTalkAccountRuntimeFactory>(), sp.GetRequiredService<Quota.QuotaGovernor>(), sp.GetService<ILogger<DingTalkChannel>>()));
        services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<DingTalkChannel>());
        if (options.MediaRetention is { } retention)
        {
            services.AddSingleton<IRetentionTarget>(sp => Retention.MediaRetentionTarget.For(
                options, retention, sp.GetRequiredService<IInboundJournal>(), sp.GetRequiredService<ILogger<Retention.MediaRetentionTarget>>()));
        }

        return services;
    }
}
