using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The ApiUsageStore contract on SQLite.
public sealed class SqliteApiUsageStoreTests() : ApiUsageStoreContract(new SqliteBackend());
