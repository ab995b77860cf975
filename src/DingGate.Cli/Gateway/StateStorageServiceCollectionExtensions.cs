using DingGate.Core.Configuration;
using DingGate.Storage;
using DingGate.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Gateway;

/// <summary>The gateway's stores on the provider <c>storage.provider</c> names.</summary>
internal static class StateStorageServiceCollectionExtensions
{
    /// <summary>
    /// <c>sqlite</c> (default): <c>dinggate.db</c> in <paramref name="stateDirectory"/>; <c>postgres</c>: the database of
    /// <c>storage.connectionString</c> (validated present), shared by every replica.
    /// </summary>
    public static IServiceCollection AddStateStorage(this IServiceCollection services, StorageSettings storage, string stateDirectory) =>
        storage.EffectiveProvider switch
        {
            StorageProvider.Postgres => services.AddPostgresStorage(
                storage.ConnectionString ?? throw new InvalidOperationException("storage.connectionString is required for the postgres provider.")),
            _ => services.AddSqliteStorage(stateDirectory),
        };
}
