using DingGate.Core.Cluster;
using DingGate.Core.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.Coordination.Redis;

/// <summary>Registers the shared limits over Redis (<c>coordination.redis</c>).</summary>
public static class RedisCoordinationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISharedRateWindows"/>, <see cref="ISharedCounters"/> and <see cref="ISharedLimitsLoop"/>
    /// (to be run by the host) over the Redis of <paramref name="configuration"/> (a StackExchange.Redis configuration
    /// string), as the registered <see cref="ReplicaIdentity"/> (else a standalone one). The connection is made when
    /// the first of them is resolved; an unreachable Redis does not fail it (the replica starts on its local share).
    /// </summary>
    public static IServiceCollection AddRedisCoordination(this IServiceCollection services, string configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => RedisCoordination.Connect(
            configuration, (sp.GetService<ReplicaIdentity>() ?? ReplicaIdentity.Standalone()).Id, sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<RedisCoordination>>() ?? (ILogger)NullLogger.Instance));
        services.AddSingleton<ISharedLimitsLoop>(sp => sp.GetRequiredService<RedisCoordination>());
        services.AddSingleton<ISharedRateWindows>(sp => new RedisRateWindows(sp.GetRequiredService<RedisCoordination>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISharedCounters>(sp => new RedisCounters(sp.GetRequiredService<RedisCoordination>()));
        return services;
    }
}
