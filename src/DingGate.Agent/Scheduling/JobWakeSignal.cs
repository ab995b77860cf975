namespace DingGate.Agent.Scheduling;

// Wakes the scheduler when a job is added or removed, so it re-reads the earliest due instant instead of polling.
internal sealed class JobWakeSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // A task completed by the next Wake (taken before the scheduler reads the store, so a wake in between is not lost).
    public Task Next()
    {
        lock (_gate)
        {
            return _next.Task;
        }
    }

    public void Wake()
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            woken = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }
}
