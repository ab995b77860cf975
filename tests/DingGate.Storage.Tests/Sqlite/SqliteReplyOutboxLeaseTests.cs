using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Sqlite;

// The ReplyOutboxLease contract on SQLite.
public sealed class SqliteReplyOutboxLeaseTests() : ReplyOutboxLeaseContract(new SqliteBackend());
