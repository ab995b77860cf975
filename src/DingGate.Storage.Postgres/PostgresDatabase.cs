using Npgsql;

namespace DingGate.Storage.Postgres;

// The PostgreSQL state database shared by every replica: one pooled NpgsqlDataSource. Open migrates the schema under an
// advisory lock (see PostgresMigrator). Writes run in a transaction of their own (READ COMMITTED; a store that reads
// then writes takes a row lock or an advisory transaction lock first), reads on a pooled connection. A commit is durable
// when it returns (synchronous_commit as the server has it; on by default), so the journal may ACK after its append.
internal sealed class PostgresDatabase : IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresDatabase(NpgsqlDataSource dataSource, TimeProvider timeProvider)
    {
        _dataSource = dataSource;
        TimeProvider = timeProvider;
    }

    public TimeProvider TimeProvider { get; }

    // Opens the data source and brings the schema up to date (waits for another process that is migrating it).
    public static PostgresDatabase Open(string connectionString, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(timeProvider);
        NpgsqlDataSource dataSource;
        try
        {
            dataSource = NpgsqlDataSource.Create(PostgresPoolDefaults.Apply(connectionString));
        }
        catch (ArgumentException ex)
        {
            throw new PostgresStorageException("The storage.connectionString is not a valid PostgreSQL connection string: " + ex.Message, ex);
        }

        try
        {
            PostgresMigrator.Migrate(dataSource);
        }
        catch (PostgresStorageException)
        {
            dataSource.Dispose();
            throw;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            dataSource.Dispose();
            throw new PostgresStorageException($"Cannot open the PostgreSQL state database ({PostgresConnectionText.Describe(connectionString)}): {ex.Message}", ex);
        }

        return new PostgresDatabase(dataSource, timeProvider);
    }

    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    // Runs work in one transaction and commits it; an exception rolls it back.
    public async Task<T> WriteAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    // Same as WriteAsync: a commit is durable when it returns (the journal's append before the ACK).
    public Task<T> WriteDurablyAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(work, cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
