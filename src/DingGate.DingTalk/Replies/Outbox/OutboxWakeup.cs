namespace DingGate.DingTalk.Replies.Outbox;

/// <summary>Wakes the account's delivery worker early when an answer was queued (otherwise it sleeps until the next due entry or its poll).</summary>
internal sealed class OutboxWakeup
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Signal() => Volatile.Read(ref _signal).TrySetResult();

    /// <summary>Waits for a signal or <paramref name="timeout"/> on <paramref name="time"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _signal);
        using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, delayCancel.Token);
        await Task.WhenAny(signal.Task, delay);
        await delayCancel.CancelAsync();
        await delay.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (signal.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), signal);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
