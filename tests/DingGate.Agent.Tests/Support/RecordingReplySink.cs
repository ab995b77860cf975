using DingGate.Core.Replies;

namespace DingGate.Agent.Tests.Support;

// Records every update in order; can run a callback on each write (e.g. to cancel after the n-th delta).
internal sealed class RecordingReplySink : IReplySink
{
    private readonly Lock _gate = new();
    private readonly List<ReplyUpdate> _updates = [];
    private readonly CancellationTokenSource _stop = new();

    public Action<ReplyUpdate, int>? OnWrite { get; set; }

    public CancellationToken StopRequested => _stop.Token;

    public bool IsCompleted { get; private set; }

    public IReadOnlyList<ReplyUpdate> Updates
    {
        get
        {
            lock (_gate)
            {
                return [.. _updates];
            }
        }
    }

    public IReadOnlyList<string> Deltas => Updates.OfType<ReplyTextDelta>().Select(d => d.Text).ToList();

    public IReadOnlyList<ReplyStatus> Statuses => Updates.OfType<ReplyStatus>().ToList();

    public void PressStop() => _stop.Cancel();

    public ValueTask WriteAsync(ReplyUpdate update, CancellationToken cancellationToken)
    {
        int count;
        lock (_gate)
        {
            _updates.Add(update);
            count = _updates.Count;
        }

        OnWrite?.Invoke(update, count);
        return ValueTask.CompletedTask;
    }

    public Task<ReplyOutcome> CompleteAsync(ReplyEnd end, string? note, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The runner must never complete the sink.");

    public ValueTask DisposeAsync()
    {
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
