using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The OwnerApprovalStore contract on SQLite.
public sealed class SqliteOwnerApprovalStoreTests() : OwnerApprovalStoreContract(new SqliteBackend());
