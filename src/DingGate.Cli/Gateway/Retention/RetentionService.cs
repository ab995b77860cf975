using DingGate.Core.Configuration;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Gateway.Retention;

/// <summary>
/// Runs a <see cref="RetentionPass"/> at start, then every <c>storage.retention.interval</c> on the host's
/// <see cref="TimeProvider"/>. The loop is the host's (awaited at stop); a stop mid-pass cancels the current batch,
/// whose transaction then rolls back, and the next start's pass picks up.
/// </summary>
internal sealed class RetentionService(RetentionPass pass, RetentionPolicy policy, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(policy.Interval, time);
        try
        {
            do
            {
                await pass.RunAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
