using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The Restart contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresRestartTests(PostgresServer server) : RestartContract(new PostgresBackend(server, typeof(PostgresRestartTests)));
