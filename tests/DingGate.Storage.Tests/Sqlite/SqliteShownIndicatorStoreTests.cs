using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The ShownIndicatorStore contract on SQLite.
public sealed class SqliteShownIndicatorStoreTests() : ShownIndicatorStoreContract(new SqliteBackend());
