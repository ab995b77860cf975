using System.Data.Common;
using Npgsql;

namespace DingGate.Storage.Postgres;

/// <summary>
/// The connection pool of one replica. Npgsql's default (100 connections) equals PostgreSQL's default
/// <c>max_connections</c>, so two or three busy replicas exhausted the server ("53300: sorry, too many clients already",
/// turns failing; seen in the 3-replica throughput run). When the connection string does not set
/// <c>Maximum Pool Size</c>, a replica uses at most <see cref="DefaultMaxPoolSize"/>: a busy replica then waits for a
/// pooled connection instead of failing, and three replicas (plus their LISTEN connections) stay well under 100.
/// </summary>
internal static class PostgresPoolDefaults
{
    /// <summary>Connections one replica opens at most unless the connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 25;

    private static readonly string[] PoolSizeKeys = ["maximum pool size", "maxpoolsize"];

    /// <summary><paramref name="connectionString"/> with <see cref="DefaultMaxPoolSize"/> when it sets no pool size.</summary>
    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => PoolSizeKeys.Contains(k.Trim(), StringComparer.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }
}
