using DingGate.Core.Storage;
using DingGate.DingTalk.Api;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Thinking;

/// <summary>
/// At account start, before the journal is resumed, takes back every "thinking" reaction a previous run recorded
/// (<see cref="IShownIndicatorStore"/>) and did not recall: a crash between showing it and the answer. Each goes
/// through the account's api client (token, QPS bucket, retries). A recall DingTalk refused for good (the reaction is
/// already gone) drops the record too; throttling, 5xx and network errors keep it for the next start. Bounded by
/// <see cref="Budget"/> and never throws (cancellation of the caller's token ends it early): the account starts
/// whatever happens here.
/// </summary>
internal sealed partial class ShownIndicatorRecovery(
    string accountId, ThinkingIndicator indicator, IShownIndicatorStore store, TimeProvider time, ILogger<ShownIndicatorRecovery> logger, TimeSpan? budget = null,
    IInboundJournal? journal = null)
{
    /// <summary>How long a start may spend on old reactions (API retries included) before the rest is left for next time.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(20);

    public TimeSpan Budget { get; } = budget ?? DefaultBudget;

    /// <summary>Recalls the recorded reactions; answers how many were taken back, dropped as gone and kept.</summary>
    public Task<(int Recalled, int Gone, int Kept)> RecoverAsync(CancellationToken cancellationToken) => RecoverAsync(null, cancellationToken);

    /// <summary>
    /// As <see cref="RecoverAsync(CancellationToken)"/>, limited to <paramref name="scope"/> when given (a clustered
    /// replica: only the reactions of the messages it claimed, and orphans; never a live replica's).
    /// </summary>
    public async Task<(int Recalled, int Gone, int Kept)> RecoverAsync(Cluster.TakeoverScope? scope, CancellationToken cancellationToken)
    {
        IReadOnlyList<ShownIndicator> left;
        try
        {
            left = await store.ListAsync(accountId, cancellationToken);
            if (scope is not null)
            {
                left = await InScopeAsync(left, scope, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogListFailed(logger, ex, accountId);
            return (0, 0, 0);
        }
        catch (OperationCanceledException)
        {
            return (0, 0, 0);
        }

        if (left.Count == 0)
        {
            return (0, 0, 0);
        }

        using var deadline = new CancellationTokenSource(Budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var meter = new ApiCallMeter();
        int recalled = 0, gone = 0, kept = 0;
        foreach (var record in left)
        {
            var result = linked.IsCancellationRequested ? RecallResult.Retry : await indicator.RecallAsync(record, meter, linked.Token);
            switch (result)
            {
                case RecallResult.Recalled:
                    recalled++;
                    await indicator.ForgetAsync(record.MessageKey);
                    break;
                case RecallResult.Gone:
                    gone++;
                    await indicator.ForgetAsync(record.MessageKey);
                    break;
                default:
                    kept++;
                    break;
            }
        }

        LogDone(logger, accountId, recalled, gone, kept, meter);
        return (recalled, gone, kept);
    }

    // The claimed messages' reactions, and orphans: shown two leases ago and whose message no replica works on.
    private async Task<IReadOnlyList<ShownIndicator>> InScopeAsync(IReadOnlyList<ShownIndicator> left, Cluster.TakeoverScope scope, CancellationToken cancellationToken)
    {
        var mine = new List<ShownIndicator>();
        foreach (var record in left)
        {
            if (scope.Claimed(record.MessageKey)
                || (record.ShownAt < scope.StaleBefore && journal is not null
                    && await journal.FindAsync(accountId, record.MessageKey, cancellationToken) is not { State: InboundState.Received or InboundState.Processing }))
            {
                mine.Add(record);
            }
        }

        return mine;
    }

    [LoggerMessage(EventId = 2113, Level = LogLevel.Information, Message = "Account {AccountId}: thinking indicators left by the last run: {Recalled} taken back, {Gone} already gone, {Kept} kept for the next start ({Calls})")]
    private static partial void LogDone(ILogger logger, string accountId, int recalled, int gone, int kept, ApiCallMeter calls);

    [LoggerMessage(EventId = 2114, Level = LogLevel.Warning, Message = "Account {AccountId}: the thinking indicators of the last run could not be listed; starting without taking them back")]
    private static partial void LogListFailed(ILogger logger, Exception exception, string accountId);
}
