using System.Globalization;

namespace DingGate.Cli.Logs;

/// <summary>The pretty form: <c>2026-11-26 01:30:39 info  [main] Stream: message</c>, local time, short category.</summary>
internal sealed class LogFormatter(TimeZoneInfo zone)
{
    public string Format(LogEntry entry)
    {
        var time = entry.Timestamp is { } ts ? TimeZoneInfo.ConvertTime(ts, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "????-??-?? ??:??:??";
        var account = entry.Account is null ? string.Empty : $"[{entry.Account}] ";
        var category = ShortCategory(entry.Category);
        var text = $"{time} {entry.Level,-5} {account}{(category.Length == 0 ? string.Empty : category + ": ")}{entry.Message}";
        return entry.Exception is null ? text : text + Environment.NewLine + "    " + entry.Exception.Replace("\n", "\n    ", StringComparison.Ordinal);
    }

    // DingGate.DingTalk.Stream.StreamClient → StreamClient; the namespace is in the JSON for --json readers.
    private static string ShortCategory(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot < 0 ? category : category[(dot + 1)..];
    }
}
