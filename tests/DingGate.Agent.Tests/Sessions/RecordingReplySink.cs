using System.Text;
using DingGate.Core.Replies;

namespace DingGate.Agent.Tests.Sessions;

// An IReplySink that records what was written and how it ended; PressStop() plays the card's stop button.
internal sealed class RecordingReplySink : IReplySink
{
    private readonly Lock _lock = new();
    private readonly List<ReplyUpdate> _updates = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<ReplyEnd> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ReplyOutcome? _outcome;

    public CancellationToken StopRequested => _stop.Token;

    public bool IsCompleted
    {
        get
        {
            lock (_lock)
            {
                return _outcome is not null;
            }
        }
    }

    public string? Note { get; private set; }

    public int Completions { get; private set; }

    // Completes with how the reply ended (fails the test after 10 s instead of hanging).
    public Task<ReplyEnd> Completed => _completed.Task.WaitAsync(TimeSpan.FromSeconds(10));

    // Completes when the owner disposed the sink: the turn is fully over (exchange stored).
    public Task Disposed => _disposed.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public bool HasCompleted => _completed.Task.IsCompleted;

    public string Text
    {
        get
        {
            lock (_lock)
            {
                var text = new StringBuilder();
                foreach (var delta in _updates.OfType<ReplyTextDelta>())
                {
                    text.Append(delta.Text);
                }

                return text.ToString();
            }
        }
    }

    public void PressStop() => _stop.Cancel();

    public ValueTask WriteAsync(ReplyUpdate update, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_outcome is not null)
            {
                throw new InvalidOperationException("Write after completion.");
            }

            _updates.Add(update);
        }

        return ValueTask.CompletedTask;
    }

    public Task<ReplyOutcome> CompleteAsync(ReplyEnd end, string? note, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Completions++;
            if (_outcome is null)
            {
                Note = note;
                _outcome = new ReplyOutcome { End = end, Delivered = true, Mode = ReplyMode.Markdown };
                _completed.TrySetResult(end);
            }

            return Task.FromResult(_outcome);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!IsCompleted)
        {
            await CompleteAsync(ReplyEnd.Interrupted, null, CancellationToken.None);
        }

        _stop.Dispose();
        _disposed.TrySetResult();
    }
}
