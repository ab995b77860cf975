using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The OwnerApprovalStore contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresOwnerApprovalStoreTests(PostgresServer server)
    : OwnerApprovalStoreContract(new PostgresBackend(server, typeof(PostgresOwnerApprovalStoreTests)));
