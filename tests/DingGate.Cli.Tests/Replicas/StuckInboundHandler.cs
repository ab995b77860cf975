using DingGate.Core.Inbound;
using DingGate.Core.Replies;

namespace DingGate.Cli.Tests.Replicas;

/// <summary>
/// A replica that took messages and never got to answer them: every hand-over blocks until the gateway is torn down, so
/// its conversation's lane holds the next message (journaled and ACKed, not started) behind it. Counts the hand-overs.
/// </summary>
internal sealed class StuckInboundHandler : IInboundHandler
{
    private int _handed;

    public int Handed => Volatile.Read(ref _handed);

    public async Task HandleAsync(InboundMessage message, IReplySink reply, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _handed);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
