namespace DingGate.Storage.Sqlite;

/// <summary>
/// The SQLite state database could not be opened or prepared (not a database, not writable, directory missing and
/// not creatable). The message names the file; it never contains secrets.
/// </summary>
public sealed class SqliteStorageException : Exception
{
    /// <summary>Creates the exception for <paramref name="databasePath"/>.</summary>
    public SqliteStorageException(string databasePath, string message, Exception? innerException)
        : base(message, innerException)
    {
        DatabasePath = databasePath;
    }

    /// <summary>Creates the exception without a path.</summary>
    public SqliteStorageException()
    {
        DatabasePath = string.Empty;
    }

    /// <summary>Creates the exception without a path.</summary>
    public SqliteStorageException(string message)
        : base(message)
    {
        DatabasePath = string.Empty;
    }

    /// <summary>Creates the exception without a path.</summary>
    public SqliteStorageException(string message, Exception? innerException)
        : base(message, innerException)
    {
        DatabasePath = string.Empty;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }
}
