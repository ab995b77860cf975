using System.Text;
using DingGate.Core.Replies;

namespace DingGate.Agent.Scheduling;

// The reply sink of a scheduled agent turn: nobody watches it stream, so it keeps the answer's text (statuses are
// dropped) for the scheduler to send once, proactively, when the turn is done.
internal sealed class CollectingReplySink : IReplySink
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private ReplyOutcome? _outcome;

    public CancellationToken StopRequested => CancellationToken.None;

    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _outcome is not null;
            }
        }
    }

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public ValueTask WriteAsync(ReplyUpdate update, CancellationToken cancellationToken)
    {
        if (update is ReplyTextDelta delta)
        {
            lock (_gate)
            {
                _text.Append(delta.Text);
            }
        }

        return ValueTask.CompletedTask;
    }

    public Task<ReplyOutcome> CompleteAsync(ReplyEnd end, string? note, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _outcome ??= new ReplyOutcome { End = end, Delivered = false, Mode = ReplyMode.Markdown, Error = note };
            return Task.FromResult(_outcome);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
