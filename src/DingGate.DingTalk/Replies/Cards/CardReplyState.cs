using System.Text;
using DingGate.Core.Replies;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// What the writer of one card reply produced so far, shared between the writer (<see cref="CardReplySink.WriteAsync"/>)
/// and the sink's background task: the whole answer text, the latest reasoning status, the tool steps, the end once
/// asked for, and a change signal. Writes never wait for DingTalk: the streamer picks the latest state up when it may
/// send again, so steps are coalesced with the text into the card's budgeted updates.
/// </summary>
internal sealed class CardReplyState(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly TaskCompletionSource _ending = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<CardToolStep> _steps = [];
    private string? _status;
    private long _version;
    private DateTimeOffset? _firstWriteAt;
    private ReplyEnd? _end;
    private string? _note;

    /// <summary>Completes once the end of the reply was asked for.</summary>
    public Task Ending => _ending.Task;

    public bool IsEnding => _ending.Task.IsCompleted;

    public void Append(string delta)
    {
        if (delta.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            _text.Append(delta);
            Touch();
        }
    }

    public void SetStatus(string status)
    {
        lock (_gate)
        {
            _status = status;
            Touch();
        }
    }

    /// <summary>A tool call started: a new running step (a reasoning status from before it is stale now).</summary>
    public void StartStep(string toolName)
    {
        lock (_gate)
        {
            _steps.Add(new CardToolStep(toolName, CardToolStepOutcome.Running));
            _status = null;
            Touch();
        }
    }

    /// <summary>
    /// A tool call returned: the oldest running step of that tool takes <paramref name="outcome"/> (parallel calls of one
    /// tool finish in turn); without one (its start was never seen) the step is added finished.
    /// </summary>
    public void FinishStep(string toolName, CardToolStepOutcome outcome)
    {
        lock (_gate)
        {
            var index = _steps.FindIndex(s => s.Outcome == CardToolStepOutcome.Running && string.Equals(s.ToolName, toolName, StringComparison.Ordinal));
            if (index >= 0)
            {
                _steps[index] = _steps[index] with { Outcome = outcome };
            }
            else
            {
                _steps.Add(new CardToolStep(toolName, outcome));
            }

            Touch();
        }
    }

    /// <summary>Records the end; false when it was recorded already (the first end wins).</summary>
    public bool TryEnd(ReplyEnd end, string? note)
    {
        lock (_gate)
        {
            if (_end is not null)
            {
                return false;
            }

            _end = end;
            _note = note;
            _changed.TrySetResult();
        }

        _ending.TrySetResult();
        return true;
    }

    public CardReplySnapshot Read()
    {
        lock (_gate)
        {
            return new CardReplySnapshot(_text.ToString(), _status, _version, _firstWriteAt, _end, _note, [.. _steps]);
        }
    }

    /// <summary>Completes when the state moved past <paramref name="seenVersion"/> or the end was asked for.</summary>
    public Task WaitForChangeAsync(long seenVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_version != seenVersion || _end is not null)
            {
                return Task.CompletedTask;
            }

            if (_changed.Task.IsCompleted)
            {
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return _changed.Task.WaitAsync(cancellationToken);
        }
    }

    // Caller holds _gate.
    private void Touch()
    {
        _version++;
        _firstWriteAt ??= time.GetUtcNow();
        _changed.TrySetResult();
    }
}
