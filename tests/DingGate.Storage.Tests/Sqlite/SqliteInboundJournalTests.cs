using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The InboundJournal contract on SQLite.
public sealed class SqliteInboundJournalTests() : InboundJournalContract(new SqliteBackend());
