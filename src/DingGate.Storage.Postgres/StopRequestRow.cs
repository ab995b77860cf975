using DingGate.Core.Cluster;

namespace DingGate.Storage.Postgres;

// A stop_requests row as Dapper reads it (instants in epoch milliseconds).
internal sealed class StopRequestRow
{
    public string Id { get; init; } = string.Empty;

    public string AccountId { get; init; } = string.Empty;

    public string SessionScope { get; init; } = string.Empty;

    public string RequestedBy { get; init; } = string.Empty;

    public long RequestedAt { get; init; }

    public long ExpiresAt { get; init; }

    public StopRequest ToRequest() => new(
        Id, AccountId, SessionScope, RequestedBy, DateTimeOffset.FromUnixTimeMilliseconds(RequestedAt), DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAt));
}
