using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The DedupStoreProperty contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresDedupStorePropertyTests(PostgresServer server) : DedupStorePropertyContract(new PostgresBackend(server, typeof(PostgresDedupStorePropertyTests)));
