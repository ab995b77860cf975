namespace DingGate.Core.Configuration;

/// <summary>
/// The configuration the running gateway uses now. A valid edit of the config file replaces it as a whole
/// (<see cref="Replace"/>); code that must follow edits without a restart (policies, owners, bindings, agents, models,
/// locale) reads <see cref="Current"/> each time it needs a value instead of keeping a copy.
/// </summary>
public sealed class LiveConfig
{
    private DinggateConfig current;
    private long version;

    /// <summary>A live configuration that starts as <paramref name="initial"/>.</summary>
    public LiveConfig(DinggateConfig initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        current = initial;
    }

    /// <summary>Raised after <see cref="Current"/> changed, with the previous and the new configuration.</summary>
    public event EventHandler<LiveConfigChange>? Changed;

    /// <summary>The configuration in force.</summary>
    public DinggateConfig Current => Volatile.Read(ref current);

    /// <summary>1 for the configuration the process started with, one more for each replacement.</summary>
    public long Version => Interlocked.Read(ref version) + 1;

    /// <summary>Puts <paramref name="next"/> in force and raises <see cref="Changed"/>.</summary>
    public void Replace(DinggateConfig next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var previous = Interlocked.Exchange(ref current, next);
        Interlocked.Increment(ref version);
        Changed?.Invoke(this, new LiveConfigChange(previous, next));
    }
}
