using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using DingGate.Storage;
using DingGate.Storage.Postgres;
using DingGate.Storage.Sqlite;

namespace DingGate.Cli.Doctor;

/// <summary>
/// The state database answers, without changing it: SQLite, the file opens and has a schema this build knows;
/// PostgreSQL, the server accepts the connection string, the schema version against this build's, the live replicas.
/// Messages name host, port, database and user, never the password.
/// </summary>
internal static class DatabaseCheck
{
    public const string Name = "database";

    public static async Task<DoctorCheck> RunAsync(StorageSettings storage, string stateDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (storage.EffectiveProvider == StorageProvider.Postgres)
        {
            try
            {
                var info = await PostgresStateProbe.ProbeAsync(storage.ConnectionString ?? string.Empty, now, cancellationToken);
                return Verdict("postgres", info, $", {info.LiveReplicas} live replica(s)");
            }
            catch (PostgresStorageException ex)
            {
                return DoctorCheck.Fail(Name, "postgres: " + ex.Message,
                    "check that PostgreSQL runs and accepts connections from this machine (listen_addresses, pg_hba.conf), and that storage.connectionString names the right host, port, database, user and password");
            }
        }

        try
        {
            return await SqliteStateProbe.ProbeAsync(stateDirectory, now, cancellationToken) is { } info
                ? Verdict("sqlite", info, string.Empty)
                : DoctorCheck.Pass(Name, $"sqlite: {Path.Combine(stateDirectory, "dinggate.db")} not created yet (the gateway creates it at its first start)");
        }
        catch (SqliteStorageException ex)
        {
            return DoctorCheck.Fail(Name, "sqlite: " + ex.Message,
                "make the file and its directory writable by this user; if the file is damaged, stop the gateway and move it away (a fresh one is created, its conversations are lost) or restore a backup");
        }
    }

    private static DoctorCheck Verdict(string provider, StateDatabaseInfo info, string replicas)
    {
        var where = $"{provider}: {info.Location}";
        if (info.SchemaVersion > info.BuildSchemaVersion)
        {
            return DoctorCheck.Fail(Name, $"{where}: schema version {info.SchemaVersion}, newer than this build knows ({info.BuildSchemaVersion})",
                "a newer DingGate migrated it: run that version (every replica the same), or restore a backup made before the upgrade");
        }

        var schema = info.SchemaVersion == 0 ? "no schema yet (the gateway creates it at its first start)"
            : info.SchemaVersion < info.BuildSchemaVersion ? $"schema version {info.SchemaVersion} of {info.BuildSchemaVersion} (the gateway migrates it at its next start)"
            : $"schema version {info.SchemaVersion} (current)";
        return DoctorCheck.Pass(Name, $"{where}: {(provider == "sqlite" ? "opens" : "connected")}, {schema}{replicas}");
    }
}
