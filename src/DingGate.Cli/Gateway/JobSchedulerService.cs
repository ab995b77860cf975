using DingGate.Agent.Scheduling;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Gateway;

/// <summary>Runs the scheduled jobs' scheduler for the life of the host; the host awaits it when stopping.</summary>
internal sealed class JobSchedulerService(JobScheduler scheduler) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => scheduler.RunAsync(stoppingToken);
}
