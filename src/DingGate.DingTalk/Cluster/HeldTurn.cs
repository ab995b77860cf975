namespace DingGate.DingTalk.Cluster;

/// <summary>
/// One reply's claim as <see cref="HeldTurns"/> knows it: <see cref="Lost"/> is cancelled when another replica took
/// its journal entry over. Disposed (unregistered) when the reply ends.
/// </summary>
internal sealed class HeldTurn : IDisposable
{
    private readonly HeldTurns _owner;
    private readonly CancellationTokenSource _lost = new();
    private int _fenced;
    private int _disposed;

    internal HeldTurn(HeldTurns owner, string accountId, string messageKey, long sequence)
    {
        _owner = owner;
        AccountId = accountId;
        MessageKey = messageKey;
        Sequence = sequence;
        Lost = _lost.Token;
    }

    public string AccountId { get; }

    public string MessageKey { get; }

    internal long Sequence { get; }

    /// <summary>Cancelled once another replica holds the entry: stop generating, send nothing.</summary>
    public CancellationToken Lost { get; }

    public bool IsFenced => Volatile.Read(ref _fenced) == 1;

    /// <summary>Marks the turn lost and cancels <see cref="Lost"/>; true the first time.</summary>
    public bool Fence()
    {
        if (Interlocked.Exchange(ref _fenced, 1) == 1 || Volatile.Read(ref _disposed) == 1)
        {
            return false;
        }

        try
        {
            _lost.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Ended meanwhile: nothing left to stop.
        }

        return true;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _owner.Remove(this);
        _lost.Dispose();
    }
}
