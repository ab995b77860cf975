using Dapper;
using DingGate.Storage.Sqlite;

namespace DingGate.Storage.Tests.Sqlite;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempStateDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Open_MissingNestedDirectory_CreatesDatabaseInWalMode()
    {
        var stateDirectory = Path.Combine(_directory.Path, "state", "nested");

        using var database = SqliteDatabase.Open(stateDirectory, TimeProvider.System);

        Assert.Equal(Path.Combine(stateDirectory, "dinggate.db"), database.DatabasePath);
        Assert.True(File.Exists(database.DatabasePath));
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous;"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys;"));
        Assert.Equal(5000, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout;"));
    }

    // Issue 13: owner-only whatever the umask; SQLite gives -wal and -shm the database file's mode.
    [Fact]
    public async Task Open_NewDatabase_DatabaseWalAndShm0600_Directories0700()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var stateDirectory = Path.Combine(_directory.Path, "state", "nested");
        using var database = SqliteDatabase.Open(stateDirectory, TimeProvider.System);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync("CREATE TABLE probe (x INTEGER); INSERT INTO probe VALUES (1);");

        const UnixFileMode file = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(file, File.GetUnixFileMode(database.DatabasePath));
        Assert.Equal(file, File.GetUnixFileMode(database.DatabasePath + "-wal"));
        Assert.Equal(file, File.GetUnixFileMode(database.DatabasePath + "-shm"));
        Assert.Equal(file | UnixFileMode.UserExecute, File.GetUnixFileMode(stateDirectory));
        Assert.Equal(file | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(stateDirectory)!));
    }

    [Fact]
    public async Task Open_Twice_AppliesEachMigrationOnce()
    {
        _directory.Open().Dispose();

        using var database = _directory.Open();

        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var versions = await connection.QueryAsync<long>("SELECT version FROM schema_version ORDER BY version;");
        Assert.Equal(Enumerable.Range(1, SqliteMigrations.Steps.Count).Select(v => (long)v), versions);
    }

    [Fact]
    public void Open_FileIsNotADatabase_ThrowsNamingThePath()
    {
        var garbage = new byte[8192];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(_directory.DatabaseFile, garbage);

        var ex = Assert.Throws<SqliteStorageException>(() => _directory.Open());

        Assert.Equal(_directory.DatabaseFile, ex.DatabasePath);
        Assert.Contains(_directory.DatabaseFile, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_StateDirectoryIsAFile_ThrowsNamingThePath()
    {
        var blocker = Path.Combine(_directory.Path, "blocker");
        File.WriteAllText(blocker, "not a directory");

        var ex = Assert.Throws<SqliteStorageException>(() => SqliteDatabase.Open(blocker, TimeProvider.System));

        Assert.Equal(Path.Combine(blocker, "dinggate.db"), ex.DatabasePath);
        Assert.Contains(ex.DatabasePath, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_SchemaNewerThanBuild_Throws()
    {
        using (var database = _directory.Open())
        {
            await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync("INSERT INTO schema_version (version, applied_at) VALUES (999, 0);");
        }

        var ex = Assert.Throws<SqliteStorageException>(() => _directory.Open());

        Assert.Contains("schema version 999", ex.Message, StringComparison.Ordinal);
    }
}
