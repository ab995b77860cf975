using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The SessionStoreRetention contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionStoreRetentionTests(PostgresServer server) : SessionStoreRetentionContract(new PostgresBackend(server, typeof(PostgresSessionStoreRetentionTests)));
