using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;

namespace DingGate.Storage.Sqlite;

// The process's only writer of the state database: one dedicated connection and a bounded queue served by one loop,
// owned here (started by the constructor, awaited by DisposeAsync, which first lets it drain the queue).
//
// Batching: whatever is queued when the loop is free (up to MaxBatchItems) runs in ONE `BEGIN IMMEDIATE` transaction,
// each item in its own SAVEPOINT, so an item that throws (a constraint, a cancelled token) rolls back only its own
// statements and fails only its own caller; the others commit together. Every caller resumes after the COMMIT, so a
// completed write is in the file. The batch commits with synchronous=FULL when one of its items is Durable (the journal
// append in front of the ACK: one fsync for the whole batch, group commit), NORMAL otherwise.
//
// Since no other connection of this process writes, no writer here ever sleeps in SQLite's busy handler; the connection
// keeps a busy_timeout for other processes (CLI verbs) holding the write lock. Reads use their own pooled connections
// (WAL: readers never block the writer, and see every committed batch).
internal sealed class SqliteWriter : IAsyncDisposable
{
    private const string SavepointName = "dinggate_item";

    private readonly SqliteConnection _connection;
    private readonly string _databasePath;
    private readonly int _maxBatchItems;
    private readonly Channel<SqliteWriteItem> _queue;
    private readonly Task _loop;
    private SqliteCommitDurability _synchronous = SqliteCommitDurability.Normal;
    private long _batchesCommitted;
    private int _disposed;

    // Takes ownership of `connection`: open, pragmas set (synchronous=NORMAL), not in a transaction.
    public SqliteWriter(SqliteConnection connection, string databasePath, SqliteDatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WriteQueueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchItems, 1);
        _connection = connection;
        _databasePath = databasePath;
        _maxBatchItems = options.MaxBatchItems;
        _queue = Channel.CreateBounded<SqliteWriteItem>(new BoundedChannelOptions(options.WriteQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    // Transactions this writer committed (a batch of one or more items each); for tests and diagnostics.
    public long BatchesCommitted => Interlocked.Read(ref _batchesCommitted);

    // Items waiting for the writer (not counting the batch running).
    public int Queued => _queue.Reader.Count;

    // Queues `work` (waiting for room when the queue is full) and completes after its batch committed. The work runs on
    // the writer's connection inside the batch transaction: it must not begin, commit or roll back a transaction itself.
    public async Task<T> WriteAsync<T>(
        SqliteCommitDurability durability, Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new SqliteWriteItem<T>(work, durability, cancellationToken);
        try
        {
            await _queue.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new ObjectDisposedException($"The state database '{_databasePath}' is closed.", ex);
        }

        return await item.Completion.ConfigureAwait(false);
    }

    // Stops taking work, lets the loop finish what is queued, then closes the connection.
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<SqliteWriteItem>(_maxBatchItems);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchItems && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await RunBatchAsync(batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Not expected (RunBatchAsync handles SQLite's failures); never leave a caller waiting or the loop dead.
                RollbackQuietly();
                foreach (var item in batch)
                {
                    item.Fail(ex);
                }
            }

            batch.Clear();
        }
    }

    private async Task RunBatchAsync(List<SqliteWriteItem> batch)
    {
        var durability = batch.Exists(i => i.Durability == SqliteCommitDurability.Durable)
            ? SqliteCommitDurability.Durable
            : SqliteCommitDurability.Normal;
        var ran = new List<SqliteWriteItem>(batch.Count);
        var open = false;
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            if (item.CancellationToken.IsCancellationRequested)
            {
                item.Cancel();
                continue;
            }

            if (!open)
            {
                try
                {
                    Begin(durability);
                    open = true;
                }
                catch (Exception ex)
                {
                    // Another process held the write lock past the busy timeout (or the file failed): nothing of this
                    // batch can be written; every caller still waiting gets the error.
                    foreach (var waiting in batch.Skip(i))
                    {
                        waiting.Fail(ex);
                    }

                    return;
                }
            }

            try
            {
                _connection.Execute($"SAVEPOINT {SavepointName};");
                await item.RunAsync(_connection).ConfigureAwait(false);
                _connection.Execute($"RELEASE {SavepointName};");
                ran.Add(item);
            }
            catch (Exception ex)
            {
                item.Fail(ex);
                if (!TryRollbackItem())
                {
                    // SQLite rolled back the whole transaction (an I/O error, a full disk): the items already run lost
                    // their writes with it; the rest of the batch starts a new transaction.
                    RollbackQuietly();
                    var lost = new SqliteStorageException(
                        _databasePath, $"The write was rolled back with its batch after another write failed: {ex.Message}", ex);
                    foreach (var done in ran)
                    {
                        done.Fail(lost);
                    }

                    ran.Clear();
                    open = false;
                }
            }
        }

        if (!open)
        {
            return;
        }

        try
        {
            _connection.Execute("COMMIT;");
        }
        catch (Exception ex)
        {
            RollbackQuietly();
            foreach (var done in ran)
            {
                done.Fail(ex);
            }

            return;
        }

        Interlocked.Increment(ref _batchesCommitted);
        foreach (var done in ran)
        {
            done.Complete();
        }
    }

    // synchronous cannot change inside a transaction ("Safety level may not be changed inside a transaction"), so it is
    // set per batch before BEGIN, and only when it differs from the last batch's.
    private void Begin(SqliteCommitDurability durability)
    {
        if (durability != _synchronous)
        {
            _connection.Execute(durability == SqliteCommitDurability.Durable ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
            _synchronous = durability;
        }

        _connection.Execute("BEGIN IMMEDIATE;");
    }

    // Undoes the failed item's statements and leaves the transaction open for the others; false when the transaction
    // itself is gone.
    private bool TryRollbackItem()
    {
        if (!InTransaction)
        {
            return false;
        }

        try
        {
            _connection.Execute($"ROLLBACK TO {SavepointName}; RELEASE {SavepointName};");
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private void RollbackQuietly()
    {
        if (!InTransaction)
        {
            return;
        }

        try
        {
            _connection.Execute("ROLLBACK;");
        }
        catch (SqliteException)
        {
            // The connection is unusable for this transaction either way; the next BEGIN reports what is wrong.
        }
    }

    private bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0;
}
