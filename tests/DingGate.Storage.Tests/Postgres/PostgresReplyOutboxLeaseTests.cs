using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The ReplyOutboxLease contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresReplyOutboxLeaseTests(PostgresServer server) : ReplyOutboxLeaseContract(new PostgresBackend(server, typeof(PostgresReplyOutboxLeaseTests)));
