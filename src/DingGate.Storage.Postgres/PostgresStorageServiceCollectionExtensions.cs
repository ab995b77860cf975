using DingGate.Core.Cluster;
using DingGate.Core.Coordination;
using DingGate.Core.Scheduling;
using DingGate.Core.Sessions;
using DingGate.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DingGate.Storage.Postgres;

/// <summary>Registers the PostgreSQL storage (shared by every replica).</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IInboundJournal"/>, <see cref="IDedupStore"/>, <see cref="IPairingStore"/>,
    /// <see cref="IOpenCardStore"/>, <see cref="IShownIndicatorStore"/>, <see cref="ISessionStore"/>,
    /// <see cref="IApiUsageStore"/>, <see cref="IReplyOutbox"/>, <see cref="IScheduledJobStore"/>, <see cref="IOwnerApprovalStore"/> and <see cref="IReplicaRegistry"/> as singletons over
    /// the PostgreSQL database of <paramref name="connectionString"/> (an Npgsql connection string). The database is
    /// opened and migrated (under an advisory lock: replicas starting together migrate once) when the first store is
    /// resolved; an unreachable database fails that resolution with <see cref="PostgresStorageException"/>. Uses the
    /// registered <see cref="TimeProvider"/>, else <see cref="TimeProvider.System"/>. Mirrors <c>AddSqliteStorage</c>.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => PostgresDatabase.Open(connectionString, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IInboundJournal, PostgresInboundJournal>();
        services.AddSingleton<IDedupStore, PostgresDedupStore>();
        services.AddSingleton<IPairingStore, PostgresPairingStore>();
        services.AddSingleton<IOpenCardStore, PostgresOpenCardStore>();
        services.AddSingleton<IShownIndicatorStore, PostgresShownIndicatorStore>();
        services.AddSingleton<ISessionStore, PostgresSessionStore>();
        services.AddSingleton<IApiUsageStore, PostgresApiUsageStore>();
        services.AddSingleton<IReplyOutbox, PostgresReplyOutbox>();
        services.AddSingleton<IScheduledJobStore, PostgresScheduledJobStore>();
        services.AddSingleton<IOwnerApprovalStore, PostgresOwnerApprovalStore>();
        services.AddSingleton<IReplicaRegistry, PostgresReplicaRegistry>();
        return services;
    }

    /// <summary>
    /// Registers the shared limits over the PostgreSQL state database (after <see cref="AddPostgresStorage"/>): the
    /// fallback when no <c>coordination.redis</c> is configured. <see cref="ISharedRateWindows"/> (a row per permit) and
    /// <see cref="ISharedCounters"/> (a row per counter); slower than Redis, a database round trip per DingTalk call.
    /// </summary>
    public static IServiceCollection AddPostgresSharedLimits(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ISharedRateWindows, PostgresRateWindows>();
        services.AddSingleton<ISharedCounters, PostgresCounters>();
        return services;
    }

    /// <summary>
    /// Registers <see cref="IStopRequests"/> over the PostgreSQL state database (after <see cref="AddPostgresStorage"/>):
    /// a <c>/stop</c> reaching the replica that runs the turn (LISTEN/NOTIFY). Only clustered gateways register it; a
    /// single process stops its turns locally.
    /// </summary>
    public static IServiceCollection AddPostgresStopRequests(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IStopRequests, PostgresStopRequests>();
        return services;
    }
}
