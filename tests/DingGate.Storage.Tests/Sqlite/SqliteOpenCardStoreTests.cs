using Dapper;
using DingGate.Storage.Sqlite;
using DingGate.Storage.Tests.Contracts;
using Microsoft.Data.Sqlite;

namespace DingGate.Storage.Tests.Sqlite;

// The OpenCardStore contract on SQLite, plus what only SQLite has.
public sealed class SqliteOpenCardStoreTests : OpenCardStoreContract
{
    private readonly SqliteBackend _sqlite;

    public SqliteOpenCardStoreTests()
        : this(new SqliteBackend())
    {
    }

    private SqliteOpenCardStoreTests(SqliteBackend backend)
        : base(backend)
    {
        _sqlite = backend;
    }

    [Fact]
    public async Task Open_VersionOneDatabase_AddsOpenCardsAndKeepsJournal()
    {
        var path = Path.Combine(_sqlite.StateDirectory, "v1");
        Directory.CreateDirectory(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(path, SqliteDatabase.FileName),
            Pooling = false,
        }.ToString();
        await using (var v1 = new SqliteConnection(connectionString))
        {
            await v1.OpenAsync();
            await v1.ExecuteAsync("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL);");
            await v1.ExecuteAsync(SqliteMigrations.Steps[0]);
            await v1.ExecuteAsync("INSERT INTO schema_version (version, applied_at) VALUES (1, 0);");
            await v1.ExecuteAsync(
                """
                INSERT INTO inbound_journal (account_id, message_key, topic, payload, received_at, state, updated_at)
                VALUES ('acc', 'msg-1', '/v1.0/im/bot/messages/get', '{}', 0, 0, 0);
                """);
        }

        using var upgraded = SqliteDatabase.Open(path, TimeProvider.System);
        var store = new SqliteOpenCardStore(upgraded);
        await store.AddAsync(Card("track-1", T0), CancellationToken.None);

        Assert.Equal([Card("track-1", T0)], await store.ListAsync("acc", CancellationToken.None));
        Assert.NotNull(await new SqliteInboundJournal(upgraded).FindAsync("acc", "msg-1", CancellationToken.None));
        await using var connection = await upgraded.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(
            Enumerable.Range(1, SqliteMigrations.Steps.Count).Select(v => (long)v),
            await connection.QueryAsync<long>("SELECT version FROM schema_version ORDER BY version;"));
    }
}
