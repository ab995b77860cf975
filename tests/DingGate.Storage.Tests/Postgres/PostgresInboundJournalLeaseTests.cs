using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The InboundJournalLease contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresInboundJournalLeaseTests(PostgresServer server) : InboundJournalLeaseContract(new PostgresBackend(server, typeof(PostgresInboundJournalLeaseTests)));
