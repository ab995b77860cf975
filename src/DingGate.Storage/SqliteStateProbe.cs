using Dapper;
using DingGate.Core.Storage;
using DingGate.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace DingGate.Storage;

/// <summary>Looks at the SQLite state database of a state directory without creating or migrating it (<c>doctor</c>).</summary>
public static class SqliteStateProbe
{
    /// <summary>
    /// The schema version and live replicas of <c>dinggate.db</c> in <paramref name="stateDirectory"/>; null when the file
    /// does not exist yet (the gateway creates it). A file that cannot be read as a database throws
    /// <see cref="SqliteStorageException"/> with a message that says what is wrong.
    /// </summary>
    public static async Task<StateDatabaseInfo?> ProbeAsync(string stateDirectory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        var path = Path.GetFullPath(Path.Combine(stateDirectory, SqliteDatabase.FileName));
        if (!File.Exists(path))
        {
            return null;
        }

        // ReadWrite without Create: a missing file is not made; nothing is written (a WAL database needs its -shm).
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 5 }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            var tables = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('schema_version', 'replicas');", cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
            var version = tables.Contains("schema_version")
                ? await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(version) FROM schema_version;", cancellationToken: cancellationToken)) ?? 0
                : 0;
            var replicas = tables.Contains("replicas")
                ? await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM replicas WHERE expires_at > @now;", new { now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken))
                : 0;
            return new StateDatabaseInfo(path, (int)version, SqliteMigrations.Steps.Count, (int)replicas);
        }
        catch (SqliteException ex)
        {
            throw new SqliteStorageException(path, SqliteDatabase.Describe(path, ex), ex);
        }
    }
}
