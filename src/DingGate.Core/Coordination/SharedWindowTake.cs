namespace DingGate.Core.Coordination;

/// <summary>The answer of <see cref="ISharedRateWindows.TryTakeAsync"/>: granted, or refused with when to ask again.</summary>
/// <param name="Granted">The permit was taken (it counts for one window from now).</param>
/// <param name="RetryAfter">When refused: how long until a permit may be free (zero when granted).</param>
public readonly record struct SharedWindowTake(bool Granted, TimeSpan RetryAfter)
{
    /// <summary>The permit was taken.</summary>
    public static SharedWindowTake Taken => new(true, TimeSpan.Zero);

    /// <summary>No permit free: ask again after <paramref name="retryAfter"/>.</summary>
    public static SharedWindowTake Wait(TimeSpan retryAfter) => new(false, retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter);
}
