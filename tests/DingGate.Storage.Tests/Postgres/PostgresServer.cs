using System.Collections.Concurrent;
using DingGate.Tests.Shared;
using Npgsql;

namespace DingGate.Storage.Tests.Postgres;

// One real PostgreSQL server for the whole test project (the "postgres" collection fixture), and one fresh database per
// test class (CREATE DATABASE t_<guid>, created the first time the class asks for it).
public sealed class PostgresServer : IDisposable
{
    private readonly PostgresInstance _instance = PostgresInstance.Start();
    private readonly ConcurrentDictionary<string, Lazy<string>> _databases = new();

    internal PostgresInstance Instance => _instance;

    // The connection string of the database of the test class <paramref name="owner"/> (created on first use).
    public string DatabaseFor(Type owner) =>
        _databases.GetOrAdd(owner.FullName ?? owner.Name, _ => new Lazy<string>(CreateDatabase)).Value;

    // A database of its own (for tests that need a clean schema, e.g. migration tests).
    public string CreateDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
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
