using DingGate.Agent.Tools.Mcp;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Gateway;

/// <summary>
/// Starts the configured MCP servers with the gateway without waiting for them (their tools appear as each server
/// lists them), and stops them with it. Registered before <see cref="SessionDrainService"/>, so the servers stop
/// after the running turns have drained; stopping awaits every server's loop and kills stdio children.
/// </summary>
internal sealed class McpHostedService(McpSupervisor supervisor) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        supervisor.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => supervisor.StopAsync(cancellationToken);
}
