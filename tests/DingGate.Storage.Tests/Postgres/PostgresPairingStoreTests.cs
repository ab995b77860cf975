using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The PairingStore contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresPairingStoreTests(PostgresServer server) : PairingStoreContract(new PostgresBackend(server, typeof(PostgresPairingStoreTests)));
