using Microsoft.Data.Sqlite;

namespace DingGate.Storage.Sqlite;

// One caller's write, queued for the writer: it runs inside the batch's transaction (in its own savepoint) and its
// caller resumes only after the batch committed (or with the item's own failure).
internal abstract class SqliteWriteItem(SqliteCommitDurability durability, CancellationToken cancellationToken)
{
    public SqliteCommitDurability Durability { get; } = durability;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    // Runs the statements on the writer's connection, keeping the result until Complete.
    public abstract Task RunAsync(SqliteConnection connection);

    // The batch committed: the caller gets its result.
    public abstract void Complete();

    // The item failed (its savepoint was rolled back) or its batch did not commit.
    public abstract void Fail(Exception exception);

    // The caller gave up before the item ran; nothing was written.
    public abstract void Cancel();
}
