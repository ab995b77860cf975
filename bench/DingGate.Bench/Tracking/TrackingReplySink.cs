using System.Diagnostics;
using DingGate.Core.Replies;

namespace DingGate.Bench.Tracking;

/// <summary>Passes everything to the channel's sink and reports to the tracker when the reply is complete.</summary>
internal sealed class TrackingReplySink(IReplySink inner, string messageId, ReplyTracker tracker) : IReplySink
{
    public CancellationToken StopRequested => inner.StopRequested;

    public bool IsCompleted => inner.IsCompleted;

    public ValueTask WriteAsync(ReplyUpdate update, CancellationToken cancellationToken) => inner.WriteAsync(update, cancellationToken);

    public async Task<ReplyOutcome> CompleteAsync(ReplyEnd end, string? note, CancellationToken cancellationToken)
    {
        var outcome = await inner.CompleteAsync(end, note, cancellationToken);
        tracker.Complete(messageId, Stopwatch.GetTimestamp(), outcome);
        return outcome;
    }

    public async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();

        // A sink disposed without completing was finished as interrupted by the channel: still the end of this reply.
        tracker.Complete(messageId, Stopwatch.GetTimestamp(), null);
    }
}
