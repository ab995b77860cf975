using Microsoft.Data.Sqlite;

namespace DingGate.Storage.Sqlite;

// A write returning a value (rows changed, an id, removed rows…). Continuations run asynchronously, never on the writer.
internal sealed class SqliteWriteItem<T>(
    Func<SqliteConnection, CancellationToken, Task<T>> work, SqliteCommitDurability durability, CancellationToken cancellationToken)
    : SqliteWriteItem(durability, cancellationToken)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Completion => _completion.Task;

    public override async Task RunAsync(SqliteConnection connection) =>
        _result = await work(connection, CancellationToken).ConfigureAwait(false);

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception exception)
    {
        if (exception is OperationCanceledException && CancellationToken.IsCancellationRequested)
        {
            _completion.TrySetCanceled(CancellationToken);
        }
        else
        {
            _completion.TrySetException(exception);
        }
    }

    public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
