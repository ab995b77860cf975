using DingGate.Core.Configuration;

namespace DingGate.Agent.Tools;

/// <summary>
/// Bounds of tool calling in one turn: <see cref="MaxRounds"/> model requests that may call tools (then one more
/// without tools, so the model must answer), <see cref="CallTimeout"/> per call, <see cref="ResultMaxChars"/> of each
/// result given to the model and kept in the history.
/// </summary>
internal sealed record ToolLimits(int MaxRounds, TimeSpan CallTimeout, int ResultMaxChars)
{
    /// <summary>The limits of <c>tools</c>, defaults filling what it leaves out.</summary>
    public static ToolLimits From(ToolsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ToolLimits(
            Math.Max(1, settings.MaxRounds ?? ToolsSettings.DefaultMaxRounds),
            TimeSpan.FromMilliseconds(Math.Max(1, settings.CallTimeoutMs ?? ToolsSettings.DefaultCallTimeoutMs)),
            Math.Max(1, settings.ResultMaxChars ?? ToolsSettings.DefaultResultMaxChars));
    }
}
