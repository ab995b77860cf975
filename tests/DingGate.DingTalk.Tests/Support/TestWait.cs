namespace DingGate.DingTalk.Tests.Support;

/// <summary>
/// Waits in real time for something asynchronous (socket I/O, a background loop) to become true; the one polling helper
/// of this project. Times out with a <see cref="TimeoutException"/> ("Timed out waiting for: …"), which a caller may
/// catch to check that something did <em>not</em> happen within a bound.
/// </summary>
internal static class TestWait
{
    /// <summary>The generous default bound.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The bound the Stream client tests have always used.</summary>
    public static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(10);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? DefaultTimeout).TotalMilliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException("Timed out waiting for: " + what);
            }

            await Task.Delay(10);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? DefaultTimeout).TotalMilliseconds;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException("Timed out waiting for: " + what);
            }

            await Task.Delay(20);
        }
    }
}
