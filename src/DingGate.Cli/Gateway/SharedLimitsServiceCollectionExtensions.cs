using DingGate.Core.Configuration;
using DingGate.Storage.Postgres;
using DingGate.Coordination.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Gateway;

/// <summary>Where the replicas share their DingTalk limits and quota counts (docs/scale-out.md, "Shared limits").</summary>
internal static class SharedLimitsServiceCollectionExtensions
{
    /// <summary>
    /// <c>coordination.redis</c> set: Redis. Else with <c>storage.provider: "postgres"</c>: the state database (slower).
    /// Else (SQLite, one process): nothing, the limits are the process's own. The loop of the Redis link (presence,
    /// outage probe) runs in <see cref="SharedLimitsService"/>.
    /// </summary>
    public static IServiceCollection AddSharedLimits(this IServiceCollection services, DinggateConfig config)
    {
        if (!string.IsNullOrWhiteSpace(config.Coordination.Redis))
        {
            services.AddRedisCoordination(config.Coordination.Redis);
        }
        else if (config.Storage.EffectiveProvider == StorageProvider.Postgres)
        {
            services.AddPostgresSharedLimits();
        }

        services.AddHostedService<SharedLimitsService>();
        return services;
    }
}
