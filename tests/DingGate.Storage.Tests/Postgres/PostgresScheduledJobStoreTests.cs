using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The ScheduledJobStore contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresScheduledJobStoreTests(PostgresServer server) : ScheduledJobStoreContract(new PostgresBackend(server, typeof(PostgresScheduledJobStoreTests)));
