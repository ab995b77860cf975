using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The ReplicaRegistry contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresReplicaRegistryTests(PostgresServer server) : ReplicaRegistryContract(new PostgresBackend(server, typeof(PostgresReplicaRegistryTests)));
