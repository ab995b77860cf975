using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The ScheduledJobStore contract on SQLite.
public sealed class SqliteScheduledJobStoreTests() : ScheduledJobStoreContract(new SqliteBackend());
