using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The OpenCardStore contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresOpenCardStoreTests(PostgresServer server) : OpenCardStoreContract(new PostgresBackend(server, typeof(PostgresOpenCardStoreTests)));
