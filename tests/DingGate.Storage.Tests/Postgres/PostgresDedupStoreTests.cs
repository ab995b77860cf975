using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The DedupStore contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresDedupStoreTests(PostgresServer server) : DedupStoreContract(new PostgresBackend(server, typeof(PostgresDedupStoreTests)));
