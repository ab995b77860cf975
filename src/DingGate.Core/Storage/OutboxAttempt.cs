namespace DingGate.Core.Storage;

/// <summary>One delivery attempt of an outbox entry, as kept in its history.</summary>
/// <param name="At">When the attempt ended.</param>
/// <param name="Path">The path tried last (<c>webhook</c> or <c>openapi</c>).</param>
/// <param name="Outcome">What it ended as (<c>delivered</c>, <c>retry</c>, <c>ambiguous</c>, <c>failed</c>).</param>
/// <param name="Detail">The error, if any.</param>
public sealed record OutboxAttempt(DateTimeOffset At, string Path, string Outcome, string? Detail);
