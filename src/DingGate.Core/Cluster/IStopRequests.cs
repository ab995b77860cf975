namespace DingGate.Core.Cluster;

/// <summary>
/// Stop requests between replicas sharing one state database (issue 17): a <c>/stop</c> received by a replica that runs
/// no turn of the session is recorded here, every replica is signalled, and the one running a turn of that session
/// claims it (<see cref="HonourAsync"/>) before cancelling its turn. The requester then withdraws what nobody claimed
/// (<see cref="WithdrawAsync"/>), so a request never outlives its reply and never stops a later turn; a requester that
/// dies meanwhile leaves a request that expires at <see cref="StopRequest.ExpiresAt"/>. Only clustered gateways use it
/// (PostgreSQL); a single process stops its turns locally.
/// </summary>
public interface IStopRequests
{
    /// <summary>Records <paramref name="request"/> and signals every listening replica (purges requests expired long ago).</summary>
    Task RecordAsync(StopRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the request for <paramref name="replicaId"/> when it is still open (not honoured, not withdrawn, not expired
    /// at <paramref name="now"/>) and signals the requester; false when it is not.
    /// </summary>
    Task<bool> HonourAsync(string id, string replicaId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes the request unless a replica honoured it: true when withdrawn, false when it was honoured.</summary>
    Task<bool> WithdrawAsync(string id, CancellationToken cancellationToken);

    /// <summary>The requests neither honoured nor withdrawn that expire after <paramref name="now"/> (the safety net of a missed signal).</summary>
    Task<IReadOnlyList<StopRequest>> ListOpenAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Listens for the signals of <see cref="RecordAsync"/> and <see cref="HonourAsync"/> (any replica's) and hands each to
    /// <paramref name="onSignal"/> (called on the listening connection's thread: it must only queue the signal). Calls
    /// <paramref name="onListening"/> once listening. Returns when <paramref name="cancellationToken"/> is cancelled;
    /// throws when the connection is lost (the caller listens again).
    /// </summary>
    Task ListenAsync(Action<StopSignal> onSignal, Action onListening, CancellationToken cancellationToken);
}
