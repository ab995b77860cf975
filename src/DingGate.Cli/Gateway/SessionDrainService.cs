using DingGate.Agent.Sessions;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Gateway;

/// <summary>
/// Graceful stop of the agent's turns. Registered before <see cref="ChannelHostedService"/>, so it stops after the
/// channel has stopped taking messages: waiting turns are left to the journal (answered at the next start), running
/// turns finish their answers until the host's shutdown timeout, then are cancelled and their replies finalized.
/// </summary>
internal sealed class SessionDrainService(SessionQueue queue) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => queue.StopAsync(cancellationToken);
}
