using System.Globalization;
using System.Text.RegularExpressions;

namespace DingGate.Chaos.Rig;

/// <summary>The text contract between injected messages, the scripted model and the verdict: tokens and answer markers.</summary>
internal static partial class ChaosAnswer
{
    public static string Token(int index) => "cx" + index.ToString("D6", CultureInfo.InvariantCulture);

    public static string Question(string token) => $"chaos question {token}: please answer";

    public static IReadOnlyList<string> Deltas(string token) => ["Answer to ", token, ": all good", " " + EndMarker(token)];

    /// <summary>Present only in a complete answer (the last delta).</summary>
    public static string EndMarker(string token) => $"(end {token})";

    [GeneratedRegex(@"cx\d{6}", RegexOptions.CultureInvariant)]
    public static partial Regex TokenPattern();
}
