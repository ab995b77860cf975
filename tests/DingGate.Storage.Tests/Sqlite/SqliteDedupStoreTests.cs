using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The DedupStore contract on SQLite.
public sealed class SqliteDedupStoreTests() : DedupStoreContract(new SqliteBackend());
