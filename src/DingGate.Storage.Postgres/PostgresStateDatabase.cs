namespace DingGate.Storage.Postgres;

/// <summary>The PostgreSQL state database's schema, for tools that write to it without running the stores (<c>dinggate storage migrate</c>).</summary>
public static class PostgresStateDatabase
{
    /// <summary>
    /// Creates or updates the schema of the database of <paramref name="connectionString"/> exactly as a gateway's start
    /// does (under the migration's advisory lock).
    /// </summary>
    /// <exception cref="PostgresStorageException">The connection string is invalid, the server unreachable, or the schema newer than this build (the message never carries the password).</exception>
    public static void EnsureSchema(string connectionString)
    {
        using var database = PostgresDatabase.Open(connectionString, TimeProvider.System);
    }
}
