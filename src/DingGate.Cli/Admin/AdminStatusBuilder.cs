using DingGate.Core.Storage;
using DingGate.DingTalk;
using DingGate.DingTalk.Stream;

namespace DingGate.Cli.Admin;

/// <summary>Builds <see cref="AdminStatus"/> and readiness from the channel's per-account stream status, the call tally and the stored monthly usage.</summary>
internal sealed class AdminStatusBuilder(
    DingTalkChannel channel, ApiCallTally calls, IApiUsageStore usage, IReplyOutbox outbox, IInboundJournal journal, ReplicaStatusReader replicas,
    TimeProvider time)
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    public DateTimeOffset StartedAt => _startedAt;

    public async Task<AdminStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var accounts = new List<AdminAccountStatus>();
        foreach (var status in channel.Statuses)
        {
            accounts.Add(await AccountAsync(status, cancellationToken));
        }

        var quota = channel.Quota is { } governor
            ? (await governor.StatusAsync(cancellationToken)).Select(q => new AdminQuotaStatus(
                q.Group, q.Accounts, DingTalk.Quota.QuotaMonth.Text(q.Month), q.Used, q.Budget, q.Percent, q.Forecast, q.StepName, q.RefusedByDingTalk)).ToList()
            : null;
        return new AdminStatus(
            Environment.ProcessId, _startedAt, Math.Round((time.GetUtcNow() - _startedAt).TotalSeconds, 1), accounts.All(a => a.Connected), accounts, quota,
            await replicas.ReadAsync(cancellationToken));
    }

    public AdminReadiness Readiness()
    {
        var down = channel.Statuses.Where(s => s.State != StreamConnectionState.Connected).Select(s => s.AccountId).ToList();
        return new AdminReadiness(down.Count == 0 ? "ready" : "not ready", down);
    }

    /// <summary>The state as shown by <c>/status</c> and <c>gateway status</c>: connected, reconnecting, retrying, failed…</summary>
    public static string StateName(StreamConnectionState state) => state.ToString().ToLowerInvariant();

    private async Task<AdminAccountStatus> AccountAsync(StreamStatus status, CancellationToken cancellationToken)
    {
        var thisMonth = calls.CurrentMonth;
        var month = await usage.GetAsync(status.AccountId, thisMonth, cancellationToken) + calls.PendingFor(status.AccountId, thisMonth);
        var undelivered = await outbox.CountAsync(status.AccountId, cancellationToken);
        var failures = await journal.GetFailuresAsync(status.AccountId, cancellationToken);
        return new AdminAccountStatus(
            status.AccountId,
            StateName(status.State),
            status.State == StreamConnectionState.Connected,
            status.ConnectedSince,
            status.LastInboundAt,
            status.ReconnectCount,
            status.FailedAttempts,
            status.LastError,
            status.NextRetryDelay?.TotalSeconds,
            calls.TotalFor(status.AccountId),
            month,
            new AdminOutboxStatus(
                undelivered.GetValueOrDefault(OutboxState.Pending), undelivered.GetValueOrDefault(OutboxState.Ambiguous), undelivered.GetValueOrDefault(OutboxState.Failed)),
            failures.Count,
            failures.LastAt,
            failures.LastReason);
    }
}
