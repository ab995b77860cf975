using Dapper;
using DingGate.Core.Storage;
using Npgsql;

namespace DingGate.Storage.Postgres;

/// <summary>Looks at the PostgreSQL state database without migrating it (<c>doctor</c>).</summary>
public static class PostgresStateProbe
{
    /// <summary>
    /// Connects to <paramref name="connectionString"/> and reads its schema version and live replicas (0 for a database
    /// no gateway has migrated yet). Failures throw <see cref="PostgresStorageException"/> naming host, port and
    /// database, never the password.
    /// </summary>
    public static async Task<StateDatabaseInfo> ProbeAsync(string connectionString, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        }
        catch (ArgumentException ex)
        {
            throw new PostgresStorageException("The storage.connectionString is not a valid PostgreSQL connection string: " + ex.Message, ex);
        }

        var location = $"host {builder.Host}, port {builder.Port}, database {builder.Database}, user {builder.Username}";
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            var version = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT to_regclass('schema_version') IS NOT NULL;", cancellationToken: cancellationToken))
                ? await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COALESCE(MAX(version), 0) FROM schema_version;", cancellationToken: cancellationToken))
                : 0;
            var replicas = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT to_regclass('replicas') IS NOT NULL;", cancellationToken: cancellationToken))
                ? await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM replicas WHERE expires_at > @now;", new { now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken))
                : 0;
            return new StateDatabaseInfo(location, version, PostgresMigrations.Steps.Count, (int)replicas);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw new PostgresStorageException($"Cannot connect to the PostgreSQL state database ({location}): {ex.Message}", ex);
        }
    }
}
