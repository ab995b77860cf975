using DingGate.Tests.Shared;
using Npgsql;

namespace DingGate.Cli.Tests.Support;

// A real PostgreSQL server for the gateway tests that use storage.provider "postgres" (one per test class).
public sealed class PostgresServerFixture : IDisposable
{
    private readonly PostgresInstance _instance = PostgresInstance.Start();

    // A fresh, empty database on the server.
    public string CreateDatabase()
    {
        var name = "g_" + Guid.NewGuid().ToString("N");
        using var connection = new NpgsqlConnection(_instance.AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return _instance.ConnectionStringFor(name);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        _instance.Dispose();
    }
}
