namespace DingGate.Core.Configuration.Loading;

/// <summary>Checks <c>storage.provider</c> / <c>storage.connectionString</c>: PostgreSQL needs a connection string.</summary>
internal static class StorageValidator
{
    public static void Validate(StorageSettings storage, ConfigErrorList errors)
    {
        errors.Check(
            storage.EffectiveProvider != StorageProvider.Postgres || !string.IsNullOrWhiteSpace(storage.ConnectionString),
            "storage.connectionString",
            null,
            "is required when storage.provider is \"postgres\" (e.g. \"Host=db;Database=dinggate;Username=dinggate;Password=${PGPASSWORD}\")");
    }
}
