using DingGate.Core.Cluster;
using DingGate.Core.Scheduling;
using DingGate.Core.Sessions;
using DingGate.Core.Storage;

namespace DingGate.Storage.Tests.Contracts;

// Every store over one opened database (SQLite file or PostgreSQL data source), plus raw SQL for the few tests that
// look at or plant a row directly (the SQL they use is valid on both providers). Disposing closes the database.
public sealed class StoreSet : IDisposable
{
    private readonly IDisposable _database;
    private readonly Func<string, Task<long>> _scalar;
    private readonly Func<string, Task> _execute;

    internal StoreSet(StoreSetParts parts)
    {
        _database = parts.Database;
        _scalar = parts.Scalar;
        _execute = parts.Execute;
        Journal = parts.Journal;
        Dedup = parts.Dedup;
        Pairing = parts.Pairing;
        OpenCards = parts.OpenCards;
        Indicators = parts.Indicators;
        Sessions = parts.Sessions;
        ApiUsage = parts.ApiUsage;
        Outbox = parts.Outbox;
        Jobs = parts.Jobs;
        OwnerApprovals = parts.OwnerApprovals;
        Replicas = parts.Replicas;
    }

    public IInboundJournal Journal { get; }

    public IDedupStore Dedup { get; }

    public IPairingStore Pairing { get; }

    public IOpenCardStore OpenCards { get; }

    public IShownIndicatorStore Indicators { get; }

    public ISessionStore Sessions { get; }

    public IApiUsageStore ApiUsage { get; }

    public IReplyOutbox Outbox { get; }

    public IScheduledJobStore Jobs { get; }

    public IOwnerApprovalStore OwnerApprovals { get; }
    public IReplicaRegistry Replicas { get; }

    public Task<long> ScalarAsync(string sql) => _scalar(sql);

    public Task ExecuteAsync(string sql) => _execute(sql);

    public void Dispose() => _database.Dispose();
}
