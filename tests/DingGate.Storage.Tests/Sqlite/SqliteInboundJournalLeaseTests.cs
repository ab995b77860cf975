using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The InboundJournalLease contract on SQLite.
public sealed class SqliteInboundJournalLeaseTests() : InboundJournalLeaseContract(new SqliteBackend());
