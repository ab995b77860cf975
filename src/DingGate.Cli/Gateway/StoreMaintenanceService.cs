using DingGate.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway;

/// <summary>Hourly housekeeping of the state database: expired dedup marks are purged (on the host's TimeProvider).</summary>
internal sealed partial class StoreMaintenanceService(IDedupStore dedup, TimeProvider time, ILogger<StoreMaintenanceService> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                var purged = await dedup.PurgeExpiredAsync(time.GetUtcNow(), stoppingToken);
                LogPurged(logger, purged);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPurgeFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Purged {Count} expired dedup marks")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Purging expired dedup marks failed")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
