using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DingGate.Bench.Model;

/// <summary>
/// What the fake model answers. The user message carries the wanted size and speed (<c>bench size=medium cps=0 #12</c>)
/// so the model needs no shared state; the answer is markdown (a heading and list lines of about 80 characters, so the
/// long one splits on line boundaries like a real answer).
/// </summary>
internal static partial class AnswerScript
{
    // About three tokens of English text per streamed delta.
    public const int DeltaChars = 12;

    /// <summary>
    /// The last words of an answer served to a gateway in its own process (<see cref="Answer(AnswerSize, bool)"/>): the
    /// harness sees a markdown reply complete when a message carrying it reaches the emulator.
    /// </summary>
    public const string EndMarker = "bench-reply-end";

    public static string Request(AnswerSize size, int charsPerSecond, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"bench size={size.ToString().ToLowerInvariant()} cps={charsPerSecond} #{sequence}");

    public static (AnswerSize Size, int CharsPerSecond) Parse(string? text)
    {
        var match = text is null ? null : RequestPattern().Match(text);
        if (match is not { Success: true })
        {
            return (AnswerSize.Short, 0);
        }

        return (Enum.Parse<AnswerSize>(match.Groups["size"].Value, ignoreCase: true), int.Parse(match.Groups["cps"].Value, CultureInfo.InvariantCulture));
    }

    public static int Length(AnswerSize size) => size switch
    {
        AnswerSize.Short => 80,
        AnswerSize.Medium => 1_000,
        _ => 10_000,
    };

    /// <summary>The answer of the given size; with <paramref name="endMarker"/> its last characters are <see cref="EndMarker"/> (same length).</summary>
    public static string Answer(AnswerSize size, bool endMarker = false)
    {
        var target = Length(size);
        var text = new StringBuilder("## Benchmark answer\n\n", target + 100);
        for (var line = 1; text.Length < target; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"- Line {line:000}: the gateway streams this answer back to DingTalk quickly.\n");
        }

        return endMarker
            ? text.ToString(0, target - EndMarker.Length - 2).TrimEnd() + " " + EndMarker + "\n"
            : text.ToString(0, target).TrimEnd() + "\n";
    }

    public static IEnumerable<string> Deltas(string answer)
    {
        for (var i = 0; i < answer.Length; i += DeltaChars)
        {
            yield return answer.Substring(i, Math.Min(DeltaChars, answer.Length - i));
        }
    }

    [GeneratedRegex(@"size=(?<size>short|medium|long) cps=(?<cps>\d+)")]
    private static partial Regex RequestPattern();
}
