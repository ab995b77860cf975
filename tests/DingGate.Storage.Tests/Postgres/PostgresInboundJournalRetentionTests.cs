using DingGate.Storage.Tests.Contracts;

namespace DingGate.Storage.Tests.Postgres;

// The InboundJournalRetention contract on PostgreSQL (a database of its own on the shared server, emptied before each test).
[Collection(PostgresCollection.Name)]
public sealed class PostgresInboundJournalRetentionTests(PostgresServer server) : InboundJournalRetentionContract(new PostgresBackend(server, typeof(PostgresInboundJournalRetentionTests)));
