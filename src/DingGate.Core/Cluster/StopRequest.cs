namespace DingGate.Core.Cluster;

/// <summary>A <c>/stop</c> for the session <paramref name="SessionScope"/> of <paramref name="AccountId"/> that another replica may be running.</summary>
/// <param name="Id">Unique (chosen by the requester, so it waits for the answer before the signal can arrive).</param>
/// <param name="AccountId">The channel account.</param>
/// <param name="SessionScope">The session's <c>SessionKey.Scope</c> (<c>dm:…</c>, <c>group:…</c>).</param>
/// <param name="RequestedBy">The requesting replica's id.</param>
/// <param name="RequestedAt">When it was recorded (the requester's clock).</param>
/// <param name="ExpiresAt">After this no replica honours it (the requester withdrew it by then, or died).</param>
public sealed record StopRequest(string Id, string AccountId, string SessionScope, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset ExpiresAt);
