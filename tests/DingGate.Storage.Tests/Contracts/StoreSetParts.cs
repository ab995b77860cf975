using DingGate.Core.Cluster;
using DingGate.Core.Scheduling;
using DingGate.Core.Sessions;
using DingGate.Core.Storage;

namespace DingGate.Storage.Tests.Contracts;

// What a backend hands to a StoreSet.
internal sealed record StoreSetParts(
    IDisposable Database,
    Func<string, Task<long>> Scalar,
    Func<string, Task> Execute,
    IInboundJournal Journal,
    IDedupStore Dedup,
    IPairingStore Pairing,
    IOpenCardStore OpenCards,
    IShownIndicatorStore Indicators,
    ISessionStore Sessions,
    IApiUsageStore ApiUsage,
    IReplyOutbox Outbox,
    IScheduledJobStore Jobs,
    IOwnerApprovalStore OwnerApprovals,
    IReplicaRegistry Replicas);
