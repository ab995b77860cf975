using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The SessionStore contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionStoreTests(PostgresServer server) : SessionStoreContract(new PostgresBackend(server, typeof(PostgresSessionStoreTests)));
