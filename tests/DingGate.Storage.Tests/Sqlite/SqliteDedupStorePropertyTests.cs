using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The DedupStoreProperty contract on SQLite.
public sealed class SqliteDedupStorePropertyTests() : DedupStorePropertyContract(new SqliteBackend());
