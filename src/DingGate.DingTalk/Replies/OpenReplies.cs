namespace DingGate.DingTalk.Replies;

/// <summary>
/// The replies of one account runtime that were handed to the agent and are not finished yet (created, not completed
/// or disposed). A reload that reconnects the account stops its stream, then waits for these before the new runtime
/// resumes the journal, so no answer is generated twice.
/// </summary>
internal sealed class OpenReplies
{
    private readonly Lock _gate = new();
    private int _open;
    private TaskCompletionSource? _idle;

    /// <summary>Replies still running.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }
    }

    public void Opened()
    {
        lock (_gate)
        {
            _open++;
        }
    }

    public void Closed()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            _open--;
            if (_open <= 0)
            {
                (idle, _idle) = (_idle, null);
            }
        }

        idle?.TrySetResult();
    }

    /// <summary>Completes when no reply runs (at once when none does).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_open <= 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }
}
