using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Binds <c>storage</c>: <c>provider</c>, <c>connectionString</c> and <c>retention</c>. Durations are ms, or a number with
/// a unit.
/// </summary>
internal static partial class StorageBinder
{
    private static readonly string[] StorageKeys = ["provider", "connectionString", "retention"];

    private static readonly Dictionary<string, StorageProvider> Providers = new(StringComparer.Ordinal)
    {
        ["sqlite"] = StorageProvider.Sqlite,
        ["postgres"] = StorageProvider.Postgres,
    };
    private static readonly string[] RetentionKeys = ["journal", "media", "sessionHistory", "outbox", "interval", "batchSize"];

    public static StorageSettings Bind(JsonNode? node, string path, ConfigReader r)
    {
        var storage = new StorageSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "provider": storage.Provider = r.Choice(value, at, Providers); break;
                case "connectionString": storage.ConnectionString = r.String(value, at); break;
                case "retention": storage.Retention = Retention(value, at, r); break;
                default: r.Unknown(at, key, StorageKeys); break;
            }
        }

        return storage;
    }

    private static RetentionSettings Retention(JsonNode? node, string path, ConfigReader r)
    {
        var retention = new RetentionSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "journal": retention.Journal = Duration(value, at, r); break;
                case "media": retention.Media = Duration(value, at, r); break;
                case "sessionHistory": retention.SessionHistory = Duration(value, at, r); break;
                case "outbox": retention.Outbox = Duration(value, at, r); break;
                case "interval": retention.Interval = Duration(value, at, r); break;
                case "batchSize": retention.BatchSize = r.Int(value, at); break;
                default: r.Unknown(at, key, RetentionKeys); break;
            }
        }

        return retention;
    }

    // 604800000, "604800000", "7d", "24h", "90m", "30s", "500ms". Negative values bind, so the validator names them.
    private static TimeSpan? Duration(JsonNode? node, string path, ConfigReader r)
    {
        if (node is null)
        {
            return null;
        }

        const string Reason = "must be a duration: milliseconds (e.g. 86400000) or a whole number with a unit ms | s | m | h | d (e.g. \"24h\", \"7d\")";
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            var match = DurationPattern().Match(text.Trim());
            if (!match.Success || !long.TryParse(match.Groups["n"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                r.Error(path, node, Reason);
                return null;
            }

            var unit = match.Groups["unit"].Value;
            var ms = unit switch { "" or "ms" => 1L, "s" => 1000L, "m" => 60_000L, "h" => 3_600_000L, _ => 86_400_000L };
            if (Math.Abs(n) > long.MaxValue / ms / TimeSpan.TicksPerMillisecond)
            {
                r.Error(path, node, Reason);
                return null;
            }

            return TimeSpan.FromMilliseconds(n * ms);
        }

        var number = r.Long(node, path, -TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond, TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond);
        return number is { } milliseconds ? TimeSpan.FromMilliseconds(milliseconds) : null;
    }

    [GeneratedRegex(@"^(?<n>-?\d{1,18})\s*(?<unit>ms|s|m|h|d)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
