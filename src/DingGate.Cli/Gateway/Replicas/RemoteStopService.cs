using DingGate.Agent.Sessions.Cluster;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Gateway.Replicas;

/// <summary>
/// Runs <see cref="RemoteStopLoop"/> (clustered gateways): this replica hears the <c>/stop</c>s other replicas received
/// for the turns it runs. The start returns once it listens, so a turn started after it can be stopped from anywhere;
/// registered before the turns' drain, so it stops after them (a turn draining can still be stopped).
/// </summary>
internal sealed class RemoteStopService(RemoteStopLoop loop) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        await loop.Listening.WaitAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => loop.RunAsync(stoppingToken);
}
