using System.Text;

namespace DingGate.Agent.Running;

// Turns a stream of reasoning deltas into a few short status lines: the first at once, then at most one per interval,
// each a one-line tail of the reasoning so far — never the whole text.
// The prefix is the user's "thinking" text (AgentTexts.Thinking in the account's locale).
internal sealed class ReasoningStatusThrottle(TimeProvider timeProvider, TimeSpan interval, string prefix)
{
    public const int TailLength = 60;

    public string Prefix { get; } = prefix;

    private readonly StringBuilder _tail = new();
    private long? _lastReport;

    public string? Add(string delta)
    {
        _tail.Append(delta);
        if (_tail.Length > TailLength * 4)
        {
            _tail.Remove(0, _tail.Length - TailLength);
        }

        var now = timeProvider.GetTimestamp();
        if (_lastReport is { } last && timeProvider.GetElapsedTime(last, now) < interval)
        {
            return null;
        }

        _lastReport = now;
        var tail = _tail.ToString().ReplaceLineEndings(" ").Trim();
        if (tail.Length > TailLength)
        {
            tail = "…" + tail[^TailLength..];
        }

        return tail.Length == 0 ? Prefix : $"{Prefix} {tail}";
    }
}
