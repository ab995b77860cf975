using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The InboundJournalRetention contract on SQLite.
public sealed class SqliteInboundJournalRetentionTests() : InboundJournalRetentionContract(new SqliteBackend());
