namespace DingGate.Cli.Logs;

/// <summary>Which entries <c>dinggate logs</c> shows: at least a level, and one account when asked.</summary>
internal sealed record LogFilter(string? MinimumLevel, string? Account)
{
    /// <summary>The level names of the log files, lowest first (<c>warning</c> is accepted for <c>warn</c>).</summary>
    public static readonly string[] Levels = ["trace", "debug", "info", "warn", "error", "critical"];

    public static string? Normalize(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "warning" => "warn",
        "information" => "info",
        "fatal" => "critical",
        var l => Levels.Contains(l) ? l : null,
    };

    public bool Matches(LogEntry entry)
    {
        if (Account is not null && !string.Equals(entry.Account, Account, StringComparison.Ordinal))
        {
            return false;
        }

        // An unreadable line (level "?") is always shown: the filter must not hide a corrupt log.
        return MinimumLevel is null || entry.Level == "?" || Array.IndexOf(Levels, entry.Level) >= Array.IndexOf(Levels, MinimumLevel);
    }
}
