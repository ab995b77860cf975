using Dapper;
using DingGate.Storage.Postgres;
using DingGate.Storage.Tests.Postgres;

namespace DingGate.Storage.Tests.Contracts;

// The PostgreSQL provider: the database of the test class on the shared server, emptied (every table truncated) when
// the backend is created, i.e. before each test.
internal sealed class PostgresBackend : StorageBackend
{
    public PostgresBackend(PostgresServer server, Type owner)
    {
        ArgumentNullException.ThrowIfNull(server);
        ConnectionString = server.DatabaseFor(owner);
        Truncate();
    }

    public string ConnectionString { get; }

    public override StoreSet Open(TimeProvider? timeProvider = null) =>
        Wrap(PostgresDatabase.Open(ConnectionString, timeProvider ?? TimeProvider.System));

    public override StoreSet OpenEmpty(TimeProvider? timeProvider = null)
    {
        Truncate();
        return Open(timeProvider);
    }

    private void Truncate()
    {
        using var database = PostgresDatabase.Open(ConnectionString, TimeProvider.System);
        using var connection = database.OpenConnectionAsync(CancellationToken.None).GetAwaiter().GetResult();
        var tables = connection.Query<string>(
            "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version';").ToList();
        connection.Execute($"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE;");
    }

    private static StoreSet Wrap(PostgresDatabase database) => new(new StoreSetParts(
        database,
        async sql =>
        {
            await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
            return await connection.ExecuteScalarAsync<long>(sql);
        },
        sql => database.WriteAsync((connection, ct) => connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: ct)), CancellationToken.None),
        new PostgresInboundJournal(database),
        new PostgresDedupStore(database),
        new PostgresPairingStore(database),
        new PostgresOpenCardStore(database),
        new PostgresShownIndicatorStore(database),
        new PostgresSessionStore(database),
        new PostgresApiUsageStore(database),
        new PostgresReplyOutbox(database),
        new PostgresScheduledJobStore(database),
        new PostgresOwnerApprovalStore(database),
        new PostgresReplicaRegistry(database)));
}
