namespace DingGate.DingTalk.Api;

/// <summary>
/// One permit of an <see cref="ApiRateLimiter"/>, held from the moment it is granted until the call goes on the wire:
/// <see cref="MarkSent"/> starts its window then (so waits after the grant, e.g. the token or the outbox mark, never
/// let two calls arrive closer than the window); <see cref="Dispose"/> without it gives the permit back unspent.
/// </summary>
internal sealed class ApiPermit : IDisposable
{
    private readonly ApiRateLimiter? _owner;
    private int _state;

    public ApiPermit(ApiRateLimiter? owner) => _owner = owner;

    /// <summary>A permit of no limiter (the call is not limited): both methods do nothing.</summary>
    public static ApiPermit None => new(null);

    /// <summary>The call goes on the wire now: the permit counts for one window from now.</summary>
    public void MarkSent()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
        {
            _owner?.Spend();
        }
    }

    /// <summary>Gives the permit back unspent when the call never went out.</summary>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
        {
            _owner?.Return();
        }
    }
}
