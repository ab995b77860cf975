using DingGate.Core.Sessions;
using DingGate.Storage.Sqlite;
using DingGate.Storage.Tests.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Storage.Tests.Sqlite;

// The SessionStore contract on SQLite, plus what only SQLite has.
public sealed class SqliteSessionStoreTests : SessionStoreContract
{
    private readonly SqliteBackend _sqlite;

    public SqliteSessionStoreTests()
        : this(new SqliteBackend())
    {
    }

    private SqliteSessionStoreTests(SqliteBackend backend)
        : base(backend)
    {
        _sqlite = backend;
    }

    [Fact]
    public async Task AddSqliteStorage_Resolved_SessionStoreUsesTheStateDatabase()
    {
        var stateDirectory = Path.Combine(_sqlite.StateDirectory, "state");
        await using (var provider = new ServiceCollection().AddSqliteStorage(stateDirectory).BuildServiceProvider())
        {
            var store = provider.GetRequiredService<ISessionStore>();
            Assert.IsType<SqliteSessionStore>(store);
            await store.AppendExchangeAsync(Key, User("q", 1), Assistant("a", 1), 1, 2, CancellationToken.None);
        }

        await using var reopened = new ServiceCollection().AddSqliteStorage(stateDirectory).BuildServiceProvider();
        Assert.Equal(2, (await reopened.GetRequiredService<ISessionStore>().GetStatsAsync(Key, CancellationToken.None)).Messages);
    }
}
