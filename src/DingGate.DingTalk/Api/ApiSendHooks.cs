namespace DingGate.DingTalk.Api;

/// <summary>
/// Per-call callbacks of <see cref="DingTalkApiClient.ExecuteAsync{T}"/> around the moment a request goes on the wire,
/// for a caller that must know whether DingTalk may have received it (the reply outbox's in-flight mark).
/// </summary>
internal sealed class ApiSendHooks
{
    /// <summary>
    /// Runs right before each attempt goes on the wire: after the throttle gate, the QPS bucket and the token, so
    /// nothing that waits comes after it. The reply outbox marks its part in flight here: a crash while the call still
    /// waits leaves the part plainly unsent (sent again at the next start), not ambiguous.
    /// </summary>
    public Func<CancellationToken, Task>? BeforeSend { get; init; }

    /// <summary>
    /// Runs when DingTalk definitely refused an attempt (a throttle code, a revoked token) and the client is about to
    /// wait and try again: nothing was shown, so the in-flight mark is taken back for the wait.
    /// </summary>
    public Func<Task>? Refused { get; init; }
}
