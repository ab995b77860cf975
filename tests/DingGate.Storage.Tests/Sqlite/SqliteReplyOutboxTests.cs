using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The ReplyOutbox contract on SQLite.
public sealed class SqliteReplyOutboxTests() : ReplyOutboxContract(new SqliteBackend());
