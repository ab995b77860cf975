namespace DingGate.Cli.Admin;

/// <summary>
/// The body of <c>GET /status</c>: the gateway and each enabled account; <c>Replicas</c>: every live replica sharing
/// the state (this one first, <c>self</c> true).
/// </summary>
internal sealed record AdminStatus(
    int Pid,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    bool Ready,
    IReadOnlyList<AdminAccountStatus> Accounts,
    IReadOnlyList<AdminQuotaStatus>? Quota = null,
    IReadOnlyList<AdminReplicaStatus>? Replicas = null);

/// <summary>
/// One quota group (accounts of one <c>quota.org</c>) this month (Asia/Shanghai): billed OpenAPI calls used, the
/// budget, the forecast for the month at the current rate and the step (normal, warned, cardsOff, indicatorOff, webhookOnly).
/// </summary>
internal sealed record AdminQuotaStatus(
    string Group, IReadOnlyList<string> Accounts, string Month, long Used, long Budget, double Percent, long Forecast, string Step, bool RefusedByDingTalk);

/// <summary>
/// One account in <see cref="AdminStatus"/>: <c>ApiCalls</c> since this gateway started, <c>ApiCallsThisMonth</c> this
/// UTC month (kept across restarts), <c>Outbox</c> the answers in the reply outbox not delivered yet; <c>FailedMessages</c>:
/// journal entries that ended failed (given-up poison messages, oversized frames, handler errors…), with the latest
/// one's time and reason.
/// </summary>
internal sealed record AdminAccountStatus(
    string Id,
    string State,
    bool Connected,
    DateTimeOffset? ConnectedSince,
    DateTimeOffset? LastInboundAt,
    long Reconnects,
    int FailedAttempts,
    string? LastError,
    double? NextRetrySeconds,
    long ApiCalls,
    long ApiCallsThisMonth,
    AdminOutboxStatus? Outbox,
    long FailedMessages = 0,
    DateTimeOffset? LastFailedAt = null,
    string? LastFailure = null);
