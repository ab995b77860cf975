using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The ReplyOutbox contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresReplyOutboxTests(PostgresServer server) : ReplyOutboxContract(new PostgresBackend(server, typeof(PostgresReplyOutboxTests)));
