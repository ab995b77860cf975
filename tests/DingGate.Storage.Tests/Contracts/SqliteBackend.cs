using Dapper;
using DingGate.Storage.Sqlite;
using DingGate.Storage.Tests.Sqlite;

namespace DingGate.Storage.Tests.Contracts;

// The SQLite provider: dinggate.db in a fresh temp state directory, deleted on dispose.
internal sealed class SqliteBackend : StorageBackend
{
    private readonly TempStateDirectory _directory = new();
    private int _empty;

    public string StateDirectory => _directory.Path;

    public override StoreSet Open(TimeProvider? timeProvider = null) => Wrap(_directory.Open(timeProvider));

    public override StoreSet OpenEmpty(TimeProvider? timeProvider = null) =>
        Wrap(SqliteDatabase.Open(
            Path.Combine(_directory.Path, "empty-" + Interlocked.Increment(ref _empty).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            timeProvider ?? TimeProvider.System));

    public override void Dispose()
    {
        _directory.Dispose();
        base.Dispose();
    }

    private static StoreSet Wrap(SqliteDatabase database) => new(new StoreSetParts(
        database,
        async sql =>
        {
            await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
            return await connection.ExecuteScalarAsync<long>(sql);
        },
        sql => database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: ct)), CancellationToken.None),
        new SqliteInboundJournal(database),
        new SqliteDedupStore(database),
        new SqlitePairingStore(database),
        new SqliteOpenCardStore(database),
        new SqliteShownIndicatorStore(database),
        new SqliteSessionStore(database),
        new SqliteApiUsageStore(database),
        new SqliteReplyOutbox(database),
        new SqliteScheduledJobStore(database),
        new SqliteOwnerApprovalStore(database),
        new SqliteReplicaRegistry(database)));
}
