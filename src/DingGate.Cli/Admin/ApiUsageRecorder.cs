using DingGate.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Admin;

/// <summary>
/// Writes the counted DingTalk API calls to the usage store every <see cref="Period"/> and at stop, so the monthly count
/// survives restarts. A failed write keeps the counts for the next round.
/// </summary>
internal sealed partial class ApiUsageRecorder(ApiCallTally tally, IApiUsageStore store, TimeProvider time, ILogger<ApiUsageRecorder> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(CancellationToken.None);
    }

    /// <summary>Moves the pending counts to the store.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var (account, month, calls) in tally.TakePending())
        {
            try
            {
                await store.AddAsync(account, month, calls, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                tally.Restore(account, month, calls);
                LogFlushFailed(logger, account, ex);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes the rest.
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Account {AccountId}: DingTalk API call counts could not be stored; kept for the next try")]
    private static partial void LogFlushFailed(ILogger logger, string accountId, Exception exception);
}
