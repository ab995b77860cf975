using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The ReplicaRegistry contract on SQLite.
public sealed class SqliteReplicaRegistryTests() : ReplicaRegistryContract(new SqliteBackend());
