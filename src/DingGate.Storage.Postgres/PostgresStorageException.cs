namespace DingGate.Storage.Postgres;

/// <summary>The PostgreSQL state database cannot be reached, migrated or used (the message never carries the password).</summary>
public sealed class PostgresStorageException : Exception
{
    public PostgresStorageException()
    {
    }

    public PostgresStorageException(string message)
        : base(message)
    {
    }

    public PostgresStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
