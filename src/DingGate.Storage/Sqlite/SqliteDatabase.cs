using Dapper;
using DingGate.Core.Files;
using Microsoft.Data.Sqlite;

namespace DingGate.Storage.Sqlite;

// The embedded state database: one file under the state directory, opened once (schema migrated, WAL enabled) and
// then handed out as short-lived connections. Microsoft.Data.Sqlite pools connections per connection string, so
// "one connection per operation" costs a pool lookup plus the per-connection pragmas below; several threads (the
// stream reader appending, the dispatcher marking) each get their own connection and SQLite serialises writers.
internal sealed class SqliteDatabase : IDisposable
{
    public const string FileName = "dinggate.db";

    // A writer waits this long for another writer's lock before SQLITE_BUSY. Writes here are single small
    // statements, so contention resolves in microseconds; the bound only matters if another process holds the file.
    private const int BusyTimeoutMilliseconds = 5000;

    // Durability (WAL mode), measured with `bench/DingGate.Bench journal`, figures in docs/performance.md:
    // - synchronous=FULL on the durable connections (the journal append, the write in front of the ACK): the commit is
    //   fsynced to the WAL before the call returns, so an ACKed message survives an OS crash or a power loss too, not
    //   only a crash of this process: the design's "journal durably, then ACK" (after the ACK DingTalk never redelivers).
    // - synchronous=NORMAL on the others (marks, dedup, sessions, pairing…): the commit is in the WAL file (an OS
    //   write) before the call returns, so a process crash loses nothing; a power loss can drop the commits made since
    //   the last fsync, and every durable commit fsyncs the WAL up to itself, earlier NORMAL commits included. A lost
    //   mark leaves an entry unfinished: it is resumed (answered again, or given up as a poison message).
    // FULL everywhere made each commit ~40x slower on the measured disk and starved concurrent writers into
    // "database is locked" (SQLite holds the write lock through the fsync); FULL on the append alone costs one fsync per
    // message. foreign_keys is on for future schema steps.
    private const string ConnectionPragmas =
        "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

    private const string DurableConnectionPragmas =
        "PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;

    private SqliteDatabase(string path, string connectionString, TimeProvider timeProvider)
    {
        DatabasePath = path;
        _connectionString = connectionString;
        _timeProvider = timeProvider;
    }

    public string DatabasePath { get; }

    // The clock for timestamps the stores set themselves (updated_at); callers pass `now` everywhere else.
    public TimeProvider TimeProvider => _timeProvider;

    // Opens (creating if needed, owner-only) <stateDirectory>/dinggate.db, switches it to WAL and applies pending migrations.
    public static SqliteDatabase Open(string stateDirectory, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var path = Path.GetFullPath(Path.Combine(stateDirectory, FileName));
        try
        {
            PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SqliteStorageException(
                path, $"Cannot create the state directory for the database '{path}': {ex.Message}", ex);
        }

        try
        {
            // Owner-only from the first byte: SQLite creates dinggate.db 0644 (less the umask) and gives its -wal and
            // -shm files the database file's mode, so a 0600 database makes all three 0600.
            PrivateFiles.Ensure(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SqliteStorageException(
                path, $"The database '{path}' cannot be created; check that the directory is writable by this user: {ex.Message}", ex);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        var database = new SqliteDatabase(path, connectionString, timeProvider);
        try
        {
            database.Initialize();
        }
        catch (SqliteException ex)
        {
            database.Dispose();
            throw new SqliteStorageException(path, Describe(path, ex), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            database.Dispose();
            throw new SqliteStorageException(path, $"Cannot open the database '{path}': {ex.Message}", ex);
        }

        return database;
    }

    // A connection already opened with this database's pragmas; the caller disposes it (back to the pool).
    public Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        OpenAsync(ConnectionPragmas, cancellationToken);

    // A connection whose commits are fsynced before they return (synchronous=FULL): for writes that must survive a
    // power loss, such as the journal append in front of the ACK. Pragmas are set at every open, pooled or not.
    public Task<SqliteConnection> OpenDurableConnectionAsync(CancellationToken cancellationToken) =>
        OpenAsync(DurableConnectionPragmas, cancellationToken);

    private async Task<SqliteConnection> OpenAsync(string pragmas, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(pragmas, cancellationToken: cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Releases pooled connections so the file is closed (a restart, a test deleting its directory).
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private void Initialize()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute(ConnectionPragmas);

        // journal_mode is persistent in the file; the pragma answers the mode actually in effect.
        var mode = connection.ExecuteScalar<string>("PRAGMA journal_mode = WAL;");
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new SqliteStorageException(
                DatabasePath, $"The database '{DatabasePath}' could not be switched to WAL mode (mode is '{mode}').", null);
        }

        Migrate(connection);
    }

    // Idempotent: the IMMEDIATE transaction takes the write lock before reading the version, so two processes
    // opening the same file at once apply each step exactly once.
    private void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        connection.Execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL);",
            transaction: transaction);
        var current = connection.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_version;", transaction: transaction) ?? 0;
        var steps = SqliteMigrations.Steps;
        if (current > steps.Count)
        {
            throw new SqliteStorageException(
                DatabasePath,
                $"The database '{DatabasePath}' has schema version {current}, newer than this build knows ({steps.Count}).",
                null);
        }

        for (var version = (int)current + 1; version <= steps.Count; version++)
        {
            connection.Execute(steps[version - 1], transaction: transaction);
            connection.Execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (@version, @appliedAt);",
                new { version, appliedAt = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() },
                transaction);
        }

        transaction.Commit();
    }

    private static string Describe(string path, SqliteException ex) => ex.SqliteErrorCode switch
    {
        26 => $"The file '{path}' is not a SQLite database (corrupt or another kind of file). Move it away or point the state directory elsewhere.",
        8 => $"The database '{path}' is read-only; the gateway needs write access to it and its directory.",
        14 => $"The database '{path}' cannot be opened; check that the directory exists and is writable.",
        11 => $"The database '{path}' is corrupt (SQLite reported malformed data).",
        _ => $"The database '{path}' could not be opened: {ex.Message}",
    };
}
