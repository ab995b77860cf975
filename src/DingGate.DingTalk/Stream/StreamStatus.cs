namespace DingGate.DingTalk.Stream;

/// <summary>A snapshot of a Stream client for status and readiness reports.</summary>
/// <param name="AccountId">Account the client serves.</param>
/// <param name="State">Current state.</param>
/// <param name="LastError">Last connection error (no secrets), null if none yet.</param>
/// <param name="ReconnectCount">Connections opened after the first one (drops, disconnects, dead links).</param>
/// <param name="FailedAttempts">Consecutive failed connection attempts since the last successful one.</param>
/// <param name="NextRetryDelay">The backoff being waited out while <see cref="StreamConnectionState.Reconnecting"/> or <see cref="StreamConnectionState.Retrying"/>.</param>
/// <param name="LastInboundAt">When the last frame of any type arrived.</param>
/// <param name="ConnectedSince">When the current connection came up, null when not connected.</param>
public sealed record StreamStatus(
    string AccountId,
    StreamConnectionState State,
    string? LastError,
    long ReconnectCount,
    int FailedAttempts,
    TimeSpan? NextRetryDelay,
    DateTimeOffset? LastInboundAt,
    DateTimeOffset? ConnectedSince);
