using Npgsql;

namespace DingGate.Storage.Postgres;

// Brings the schema up to date at start. Several replicas may start at once: each takes the same session-level advisory
// lock first, so one migrates while the others wait on the lock, then find the schema current and do nothing. Each step
// commits together with its schema_version row, so a crash mid-step leaves the previous version and the next start
// retries it.
internal static class PostgresMigrator
{
    // pg_advisory_lock key of the migration: any constant shared by every DingGate process ("DGMIGRAT").
    public const long LockKey = 0x4447_4D49_4752_4154;

    public static void Migrate(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        Execute(connection, null, $"SELECT pg_advisory_lock({LockKey});");
        try
        {
            Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());");
            var current = CurrentVersion(connection);
            if (current > PostgresMigrations.Steps.Count)
            {
                throw new PostgresStorageException(
                    $"The PostgreSQL state database has schema version {current}, newer than this build knows ({PostgresMigrations.Steps.Count}): " +
                    "a newer DingGate migrated it; run that version (every replica the same).");
            }

            for (var version = current + 1; version <= PostgresMigrations.Steps.Count; version++)
            {
                using var transaction = connection.BeginTransaction();
                Execute(connection, transaction, PostgresMigrations.Steps[version - 1]);
                Execute(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({version});");
                transaction.Commit();
            }
        }
        finally
        {
            Execute(connection, null, $"SELECT pg_advisory_unlock({LockKey});");
        }
    }

    // The newest applied step (0 for a fresh database).
    public static int CurrentVersion(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", connection);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
