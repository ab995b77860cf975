using DingGate.Core.Inbound;
using DingGate.Core.Replies;

namespace DingGate.Cli.Tests.Replicas;

/// <summary>
/// A replica whose answers never come while its account runs: each hand-over waits until the account stops, then lets
/// its reply go unanswered (disposed, interrupted), so the journal entry stays unfinished and leased to this replica.
/// Counts the hand-overs.
/// </summary>
internal sealed class HoldingInboundHandler : IInboundHandler
{
    private int _handed;

    public int Handed => Volatile.Read(ref _handed);

    public async Task HandleAsync(InboundMessage message, IReplySink reply, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _handed);
        await using (reply)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
