using DingGate.Core.Coordination;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Gateway;

/// <summary>Runs the shared limits' loop (<see cref="ISharedLimitsLoop"/>: the Redis presence and outage probe), when there is one.</summary>
internal sealed class SharedLimitsService(IServiceProvider services) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        services.GetService(typeof(ISharedLimitsLoop)) is ISharedLimitsLoop loop ? loop.RunAsync(stoppingToken) : Task.CompletedTask;
}
