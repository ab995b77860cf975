namespace DingGate.Core.Cluster;

/// <summary>What <see cref="IStopRequests.ListenAsync"/> hands over: a request was recorded, or a replica honoured one.</summary>
/// <param name="Kind">Requested or honoured.</param>
/// <param name="Id">The request's id.</param>
/// <param name="AccountId">The account (requested only; empty for honoured).</param>
/// <param name="SessionScope">The session's scope (requested only; empty for honoured).</param>
public sealed record StopSignal(StopSignalKind Kind, string Id, string AccountId, string SessionScope);
