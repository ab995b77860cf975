using DingGate.DingTalk;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Gateway;

/// <summary>Runs every enabled DingTalk account for the life of the host (stops reading new messages when the host stops).</summary>
internal sealed class ChannelHostedService(DingTalkChannel channel) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => channel.RunAsync(stoppingToken);
}
