namespace DingGate.Storage.Tests.Postgres;

// Every test class that needs PostgreSQL joins this collection: one server per test run.
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
