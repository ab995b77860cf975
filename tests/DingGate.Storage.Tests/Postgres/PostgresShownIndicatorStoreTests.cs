using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The ShownIndicatorStore contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresShownIndicatorStoreTests(PostgresServer server) : ShownIndicatorStoreContract(new PostgresBackend(server, typeof(PostgresShownIndicatorStoreTests)));
