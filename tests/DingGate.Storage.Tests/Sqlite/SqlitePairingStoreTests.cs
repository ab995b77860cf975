using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The PairingStore contract on SQLite.
public sealed class SqlitePairingStoreTests() : PairingStoreContract(new SqliteBackend());
