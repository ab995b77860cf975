using DingGate.Core.Cluster;
using DingGate.Core.Scheduling;
using DingGate.Core.Sessions;
using DingGate.Core.Storage;
using DingGate.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DingGate.Storage;

/// <summary>Registers the embedded SQLite storage.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IInboundJournal"/>, <see cref="IDedupStore"/>, <see cref="IPairingStore"/>,
    /// <see cref="IOpenCardStore"/>, <see cref="IShownIndicatorStore"/>, <see cref="ISessionStore"/>, <see cref="IApiUsageStore"/>, <see cref="IReplyOutbox"/>, <see cref="IScheduledJobStore"/>, <see cref="IOwnerApprovalStore"/> and <see cref="IReplicaRegistry"/> as singletons over one database file, <c>dinggate.db</c> in
    /// <paramref name="stateDirectory"/> (created if missing). The file is opened and migrated when the first store is resolved; a file that is not a database
    /// or not writable fails that resolution with <see cref="SqliteStorageException"/>. Uses the registered
    /// <see cref="TimeProvider"/>, else <see cref="TimeProvider.System"/>.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => SqliteDatabase.Open(stateDirectory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IInboundJournal, SqliteInboundJournal>();
        services.AddSingleton<IDedupStore, SqliteDedupStore>();
        services.AddSingleton<IPairingStore, SqlitePairingStore>();
        services.AddSingleton<IOpenCardStore, SqliteOpenCardStore>();
        services.AddSingleton<IShownIndicatorStore, SqliteShownIndicatorStore>();
        services.AddSingleton<ISessionStore, SqliteSessionStore>();
        services.AddSingleton<IApiUsageStore, SqliteApiUsageStore>();
        services.AddSingleton<IReplyOutbox, SqliteReplyOutbox>();
        services.AddSingleton<IScheduledJobStore, SqliteScheduledJobStore>();
        services.AddSingleton<IOwnerApprovalStore, SqliteOwnerApprovalStore>();
        services.AddSingleton<IReplicaRegistry, SqliteReplicaRegistry>();
        return services;
    }
}
