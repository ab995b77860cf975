namespace DingGate.Agent.Tools.Mcp;

/// <summary>
/// Delay before restarting a server that failed or died: 1 s doubling to 60 s, each with jitter (between half and
/// all of it) so servers that died together do not restart in step.
/// </summary>
internal static class McpBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    /// <summary>The delay before restart number <paramref name="failures"/> (1 after the first failure).</summary>
    public static TimeSpan Delay(int failures, Random random)
    {
        var exponent = Math.Clamp(failures - 1, 0, 16);
        var full = Math.Min(First.TotalMilliseconds * Math.Pow(2, exponent), Max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(full / 2 + random.NextDouble() * full / 2);
    }
}
