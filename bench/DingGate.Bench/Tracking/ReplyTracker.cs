using System.Collections.Concurrent;
using DingGate.Core.Replies;

namespace DingGate.Bench.Tracking;

/// <summary>
/// Tells the load generator when the gateway has finished a reply, by DingTalk msgId. Either side may come first: the
/// reply can be complete before the injection call has even returned the msgId.
/// </summary>
internal sealed class ReplyTracker
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CompletedReply>> _replies = new(StringComparer.Ordinal);

    public void Complete(string messageId, long timestamp, ReplyOutcome? outcome) =>
        Slot(messageId).TrySetResult(new CompletedReply(messageId, timestamp, outcome));

    /// <summary>The reply's last call was recorded by the emulator (a gateway in its own process).</summary>
    public void CompleteOnWire(string messageId, long timestamp) =>
        Slot(messageId).TrySetResult(new CompletedReply(messageId, timestamp, null, OnWire: true));

    /// <summary>The completed reply, or null when none came within <paramref name="timeout"/>.</summary>
    public async Task<CompletedReply?> WaitAsync(string messageId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var slot = Slot(messageId);
        try
        {
            return await slot.Task.WaitAsync(timeout, TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _replies.TryRemove(messageId, out _);
        }
    }

    private TaskCompletionSource<CompletedReply> Slot(string messageId) =>
        _replies.GetOrAdd(messageId, _ => new TaskCompletionSource<CompletedReply>(TaskCreationOptions.RunContinuationsAsynchronously));
}
