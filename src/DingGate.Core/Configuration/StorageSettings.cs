namespace DingGate.Core.Configuration;

/// <summary><c>storage</c>: where the state is kept (SQLite or PostgreSQL) and how long it is kept.</summary>
public sealed class StorageSettings
{
    /// <summary><c>storage.provider</c>: <c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public StorageProvider? Provider { get; set; }

    /// <summary>
    /// <c>storage.connectionString</c>: the Npgsql connection string of the PostgreSQL database (required for
    /// <c>postgres</c>; <c>${ENV}</c> for the password). Its password is a secret (see <c>ConfigSecrets</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>storage.retention</c>.</summary>
    public RetentionSettings Retention { get; set; } = new();

    /// <summary>The provider in force (<see cref="StorageProvider.Sqlite"/> when unset).</summary>
    public StorageProvider EffectiveProvider => Provider ?? StorageProvider.Sqlite;
}
