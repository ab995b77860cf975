using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The Restart contract on SQLite.
public sealed class SqliteRestartTests() : RestartContract(new SqliteBackend());
