namespace DingGate.Storage.Sqlite;

// Limits of the state database's writer and its wait for OTHER processes' locks (tests lower them).
internal sealed record SqliteDatabaseOptions
{
    public static readonly SqliteDatabaseOptions Default = new();

    // How long a statement waits for a lock held by another process (a CLI verb such as `outbox retry` or `allow add`
    // writing the same file while the gateway runs) before SQLITE_BUSY. Inside the process all writes go through the
    // one writer connection, so no writer of this process ever waits here for another writer of this process.
    public int BusyTimeoutMilliseconds { get; init; } = 5000;

    // Work items that may wait for the writer; a caller queuing one more waits for room (back-pressure).
    public int WriteQueueCapacity { get; init; } = 4096;

    // Most work items committed in one transaction.
    public int MaxBatchItems { get; init; } = 256;
}
