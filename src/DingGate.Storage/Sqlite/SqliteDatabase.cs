using Dapper;
using DingGate.Core.Files;
using Microsoft.Data.Sqlite;

namespace DingGate.Storage.Sqlite;

// The embedded state database: one file under the state directory, opened once (schema migrated, WAL enabled).
// Writes and reads take different paths:
// - Every write of the process goes through one SqliteWriter: a dedicated connection and a bounded queue served by one
//   loop, which commits what is queued when it is free as one `BEGIN IMMEDIATE` transaction (a savepoint per item, so
//   one failing item fails only its caller). Before it (issue 14), each store operation opened its own pooled
//   connection, and concurrent writers lost SQLite's write lock and slept in its busy handler (1–100 ms steps; the
//   ceiling of a 32-app gateway, docs/performance.md observation 4). With one writer no write of this process ever
//   waits for another: the busy timeout only covers another process holding the lock (a CLI verb on the same file).
// - Reads use short-lived pooled connections (Microsoft.Data.Sqlite pools per connection string) and run concurrently
//   with the writer and each other (WAL); a read started after a write completed sees it.
internal sealed class SqliteDatabase : IDisposable, IAsyncDisposable
{
    public const string FileName = "dinggate.db";

    // Durability (WAL mode), measured with `bench/DingGate.Bench journal`, figures in docs/performance.md:
    // - Durable writes (the journal append, the write in front of the ACK) make their batch commit with
    //   synchronous=FULL: the commit is fsynced to the WAL before the caller resumes, so an ACKed message survives an OS
    //   crash or a power loss too, not only a crash of this process: the design's "journal durably, then ACK" (after the
    //   ACK DingTalk never redelivers). The fsync is shared by everything in the batch (group commit), so concurrent
    //   appends of many accounts cost one fsync per batch, not one each.
    // - Other batches (marks, dedup, sessions, pairing…) commit with synchronous=NORMAL: the commit is in the WAL file
    //   (an OS write) before the caller resumes, so a process crash loses nothing; a power loss can drop the commits
    //   made since the last fsync, and every durable commit fsyncs the WAL up to itself, earlier NORMAL commits
    //   included. A lost mark leaves an entry unfinished: it is resumed (answered again, or given up as a poison message).
    // FULL on every commit was rejected before the writer existed: ~40x slower per commit on the measured disk, and with
    // a connection per write it starved concurrent writers into "database is locked" (SQLite holds the write lock
    // through the fsync). foreign_keys is on for future schema steps.
    private static string ConnectionPragmas(int busyTimeoutMilliseconds) =>
        $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

    private readonly string _readConnectionString;
    private readonly string _pragmas;
    private readonly TimeProvider _timeProvider;
    private SqliteWriter? _writer;

    private SqliteDatabase(string path, string readConnectionString, string pragmas, TimeProvider timeProvider)
    {
        DatabasePath = path;
        _readConnectionString = readConnectionString;
        _pragmas = pragmas;
        _timeProvider = timeProvider;
    }

    public string DatabasePath { get; }

    // The clock for timestamps the stores set themselves (updated_at); callers pass `now` everywhere else.
    public TimeProvider TimeProvider => _timeProvider;

    // The writer, for tests and diagnostics (batches committed, queue length).
    public SqliteWriter Writer => _writer ?? throw new ObjectDisposedException(DatabasePath);

    // Opens (creating if needed, owner-only) <stateDirectory>/dinggate.db, switches it to WAL and applies pending migrations.
    public static SqliteDatabase Open(string stateDirectory, TimeProvider timeProvider) =>
        Open(stateDirectory, timeProvider, SqliteDatabaseOptions.Default);

    public static SqliteDatabase Open(string stateDirectory, TimeProvider timeProvider, SqliteDatabaseOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.BusyTimeoutMilliseconds);
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

        // Microsoft.Data.Sqlite also retries a busy statement itself until the command timeout (whole seconds; 0 would
        // mean "forever"), so both bounds follow the option.
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, options.BusyTimeoutMilliseconds / 1000),
        };
        var readConnectionString = builder.ToString();
        builder.Pooling = false; // the writer's connection lives as long as the database; closing it closes the file
        var writerConnectionString = builder.ToString();
        var pragmas = ConnectionPragmas(options.BusyTimeoutMilliseconds);
        var database = new SqliteDatabase(path, readConnectionString, pragmas, timeProvider);
        var connection = new SqliteConnection(writerConnectionString);
        try
        {
            connection.Open();
            connection.Execute(pragmas);
            database.Initialize(connection);
            database._writer = new SqliteWriter(connection, path, options);
        }
        catch (Exception ex)
        {
            connection.Dispose();
            database.Dispose();
            if (ex is SqliteException sqlite)
            {
                throw new SqliteStorageException(path, Describe(path, sqlite), ex);
            }

            if (ex is IOException or UnauthorizedAccessException)
            {
                throw new SqliteStorageException(path, $"Cannot open the database '{path}': {ex.Message}", ex);
            }

            throw;
        }

        return database;
    }

    // A read connection already opened with this database's pragmas; the caller disposes it (back to the pool). For
    // reads only: every write goes through WriteAsync (a write here would contend with the writer for the lock).
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(_pragmas, cancellationToken: cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Runs `work` on the writer's connection in the next batch and returns once that batch committed with
    // synchronous=NORMAL or better (see SqliteWriter). A read-then-write that must be atomic is one work item.
    public Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        Writer.WriteAsync(SqliteCommitDurability.Normal, work, cancellationToken);

    // As WriteAsync, but the batch commits with synchronous=FULL: the write is fsynced when this returns (the journal
    // append in front of the ACK).
    public Task<T> WriteDurablyAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        Writer.WriteAsync(SqliteCommitDurability.Durable, work, cancellationToken);

    // Drains the writer (queued writes still commit), closes its connection and releases pooled read connections, so
    // the file is closed (a restart, a test deleting its directory).
    public async ValueTask DisposeAsync()
    {
        if (_writer is { } writer)
        {
            await writer.DisposeAsync();
        }

        ClearReadPool();
    }

    public void Dispose()
    {
        if (_writer is { } writer)
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        ClearReadPool();
    }

    private void ClearReadPool()
    {
        using var connection = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private void Initialize(SqliteConnection connection)
    {
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

    internal static string Describe(string path, SqliteException ex) => ex.SqliteErrorCode switch
    {
        26 => $"The file '{path}' is not a SQLite database (corrupt or another kind of file). Move it away or point the state directory elsewhere.",
        8 => $"The database '{path}' is read-only; the gateway needs write access to it and its directory.",
        14 => $"The database '{path}' cannot be opened; check that the directory exists and is writable.",
        11 => $"The database '{path}' is corrupt (SQLite reported malformed data).",
        _ => $"The database '{path}' could not be opened: {ex.Message}",
    };
}
