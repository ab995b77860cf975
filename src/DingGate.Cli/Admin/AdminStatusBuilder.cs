using DingGate.DingTalk;
using DingGate.DingTalk.Stream;

namespace DingGate.Cli.Admin;

/// <summary>Builds <see cref="AdminStatus"/> and readiness from the channel's per-account stream status and the call tally.</summary>
internal sealed class AdminStatusBuilder(DingTalkChannel channel, ApiCallTally calls, TimeProvider time)
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    public DateTimeOffset StartedAt => _startedAt;

    public AdminStatus Status()
    {
        var accounts = channel.Statuses.Select(Account).ToList();
        return new AdminStatus(
            Environment.ProcessId, _startedAt, Math.Round((time.GetUtcNow() - _startedAt).TotalSeconds, 1), accounts.All(a => a.Connected), accounts);
    }

    public AdminReadiness Readiness()
    {
        var down = channel.Statuses.Where(s => s.State != StreamConnectionState.Connected).Select(s => s.AccountId).ToList();
        return new AdminReadiness(down.Count == 0 ? "ready" : "not ready", down);
    }

    private AdminAccountStatus Account(StreamStatus status)
    {
        var (total, month) = calls.For(status.AccountId);
        return new AdminAccountStatus(
            status.AccountId,
            status.State.ToString(),
            status.State == StreamConnectionState.Connected,
            status.ConnectedSince,
            status.LastInboundAt,
            status.ReconnectCount,
            status.FailedAttempts,
            status.LastError,
            status.NextRetryDelay?.TotalSeconds,
            total,
            month);
    }
}
