using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The InboundJournal contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresInboundJournalTests(PostgresServer server) : InboundJournalContract(new PostgresBackend(server, typeof(PostgresInboundJournalTests)));
