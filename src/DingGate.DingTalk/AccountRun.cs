namespace DingGate.DingTalk;

/// <summary>One running account runtime with its own stop (a reload stops or reconnects one account, not the channel).</summary>
internal sealed class AccountRun(DingTalkAccountRuntime runtime) : IDisposable
{
    private CancellationTokenSource? _stop;

    public DingTalkAccountRuntime Runtime { get; } = runtime;

    public string Id => Runtime.Account.Id;

    /// <summary>The runtime's run (completed before <see cref="Start"/>).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Starts the runtime; it stops when <paramref name="channelStopping"/> fires or <see cref="StopAsync"/> is called.</summary>
    public void Start(CancellationToken channelStopping)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(channelStopping);
        Completion = Runtime.RunAsync(_stop.Token);
    }

    /// <summary>
    /// Stops reading (stream closed, dispatcher lanes and outbox worker done) and waits for the run to end; a run that
    /// failed is rethrown (the caller logs it).
    /// </summary>
    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await Completion;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    // Disposed with the container, possibly before the host's stop token fires (a host disposed without a stop): a run
    // still going keeps its link to that token, so it still stops (and closes its socket) when the token fires.
    public void Dispose()
    {
        if (Completion.IsCompleted)
        {
            _stop?.Dispose();
        }

        Runtime.Dispose();
    }
}
