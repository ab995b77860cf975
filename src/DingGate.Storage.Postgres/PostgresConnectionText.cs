using Npgsql;

namespace DingGate.Storage.Postgres;

/// <summary>A PostgreSQL connection string as messages show it: host, port and database, never the password.</summary>
public static class PostgresConnectionText
{
    /// <summary>"host …, port …, database …" of <paramref name="connectionString"/> (a valid Npgsql connection string).</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host {builder.Host}, port {builder.Port}, database {builder.Database}";
    }
}
