using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The ApiUsageStore contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresApiUsageStoreTests(PostgresServer server) : ApiUsageStoreContract(new PostgresBackend(server, typeof(PostgresApiUsageStoreTests)));
