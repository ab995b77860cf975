using Dapper;
using DingGate.Core.Storage;
using DingGate.Storage.Postgres;
using Npgsql;

namespace DingGate.Storage.Tests.Postgres;

// Opening the PostgreSQL state database: migrations under the advisory lock, errors that name the database but never
// the password.
[Collection(PostgresCollection.Name)]
public sealed class PostgresDatabaseTests(PostgresServer server)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Open_EightProcessesAtOnce_OneMigratesEveryStepOnceAndAllSeeTheSchema()
    {
        var connectionString = server.CreateDatabase();

        var databases = await ConcurrentStart.RunAsync(8, _ => Task.FromResult(PostgresDatabase.Open(connectionString, TimeProvider.System)));
        try
        {
            var journals = databases.Select(d => new PostgresInboundJournal(d)).ToArray();
            var appended = await ConcurrentStart.RunAsync(8, i => journals[i].AppendAsync(
                new InboundJournalEntry("acc", "msg-1", "/v1.0/im/bot/messages/get", "{}", T0), CancellationToken.None));
            Assert.Single(appended, a => a);

            await using var connection = new NpgsqlConnection(connectionString);
            Assert.Equal(
                Enumerable.Range(1, PostgresMigrations.Steps.Count),
                await connection.QueryAsync<int>("SELECT version FROM schema_version ORDER BY version;"));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Open_Twice_AppliesEachMigrationOnce()
    {
        var connectionString = server.CreateDatabase();
        PostgresDatabase.Open(connectionString, TimeProvider.System).Dispose();
        PostgresDatabase.Open(connectionString, TimeProvider.System).Dispose();

        await using var connection = new NpgsqlConnection(connectionString);
        Assert.Equal(PostgresMigrations.Steps.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public async Task Open_SchemaNewerThanBuild_ThrowsAndChangesNothing()
    {
        var connectionString = server.CreateDatabase();
        PostgresDatabase.Open(connectionString, TimeProvider.System).Dispose();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.ExecuteAsync("INSERT INTO schema_version (version) VALUES (999);");
        }

        var ex = Assert.Throws<PostgresStorageException>(() => PostgresDatabase.Open(connectionString, TimeProvider.System));

        Assert.Contains("schema version 999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NoServerOnThePort_ThrowsNamingHostAndDatabaseNotThePassword()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var connectionString = $"Host=127.0.0.1;Port={port};Database=dinggate;Username=dg;Password=pw-never-shown-0011;Timeout=5";

        var ex = Assert.Throws<PostgresStorageException>(() => PostgresDatabase.Open(connectionString, TimeProvider.System));

        Assert.Contains($"host 127.0.0.1, port {port}, database dinggate", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-never-shown-0011", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NotAConnectionString_ThrowsStorageException()
    {
        var ex = Assert.Throws<PostgresStorageException>(() => PostgresDatabase.Open("Hots=db;Passwrd=x", TimeProvider.System));

        Assert.Contains("storage.connectionString", ex.Message, StringComparison.Ordinal);
    }
}
