using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The SessionStoreRetention contract on SQLite.
public sealed class SqliteSessionStoreRetentionTests() : SessionStoreRetentionContract(new SqliteBackend());
