using System.Diagnostics;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;

namespace DingGate.Bench.Tracking;

/// <summary>Wraps the gateway's inbound handler so the bench learns when each reply is complete.</summary>
internal sealed class TrackingInboundHandler(IInboundHandler inner, ReplyTracker tracker) : IInboundHandler
{
    public async Task HandleAsync(InboundMessage message, IReplySink reply, CancellationToken cancellationToken)
    {
        try
        {
            await inner.HandleAsync(message, new TrackingReplySink(reply, message.MessageId, tracker), cancellationToken);
        }
        catch
        {
            tracker.Complete(message.MessageId, Stopwatch.GetTimestamp(), null);
            throw;
        }
    }
}
