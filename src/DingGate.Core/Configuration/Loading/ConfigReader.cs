using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Typed reads from the JSON tree for the binder. A JSON <c>null</c> or a missing key means "not set" for a value; a
/// section (an object) written as <c>null</c> is an error, so that <c>dingtalk: null</c> or <c>accounts: { a: null }</c>
/// never loads as if the section were simply absent. A value of the wrong type becomes an error (path, masked value,
/// what is expected) and reads as not set, so binding goes on and every problem is reported at once.
/// </summary>
internal sealed class ConfigReader(List<ConfigError> errors, List<ConfigWarning> warnings)
{
    public List<ConfigError> Errors { get; } = errors;

    public List<ConfigWarning> Warnings { get; } = warnings;

    public void Error(string path, JsonNode? node, string reason) => Errors.Add(new ConfigError(path, ConfigValueText.Of(path, node), reason));

    public void Unknown(string path, string key, IEnumerable<string> known) =>
        Warnings.Add(new ConfigWarning(path, "unknown key, ignored" + Hint(key, known)));

    // Where a misspelt key would silently weaken the configuration (channels.dingtalk: dmPolcy leaves the bot open).
    public void UnknownRefused(string path, string key, IEnumerable<string> known, string section = "channels.dingtalk") =>
        Errors.Add(new ConfigError(path, null, "unknown key" + Hint(key, known) + $"; unknown keys are refused under {section}, where a misspelt setting would be silently ignored"));

    private static string Hint(string key, IEnumerable<string> known) => KeySuggestion.Nearest(key, known) switch
    {
        { CaseOnly: true } near => $" (keys are case-sensitive: did you mean '{near.Key}'?)",
        { } near => $" (did you mean '{near.Key}'?)",
        null => string.Empty,
    };

    // Every caller reads a key that is present, so null here is a written null.
    public JsonObject? Object(JsonNode? node, string path)
    {
        if (node is JsonObject obj)
        {
            return obj;
        }

        Error(path, node, node is null ? "must be an object, not null (remove the key to leave the section out)" : "must be an object");
        return null;
    }

    public JsonArray? Array(JsonNode? node, string path)
    {
        if (node is null or JsonArray)
        {
            return (JsonArray?)node;
        }

        Error(path, node, "must be an array");
        return null;
    }

    public string? String(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }

        Error(path, node, "must be a string");
        return null;
    }

    public bool? Bool(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetValueKind() == JsonValueKind.True;
        }

        Error(path, node, "must be true or false");
        return null;
    }

    public double? Double(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (TryNumber(node, out var d) && double.IsFinite(d))
        {
            return d;
        }

        Error(path, node, "must be a finite number");
        return null;
    }

    public long? Long(JsonNode? node, string path, long min = long.MinValue, long max = long.MaxValue)
    {
        if (node is null)
        {
            return null;
        }

        if (TryNumber(node, out var d) && double.IsFinite(d) && Math.Floor(d) == d && d >= min && d <= max && Math.Abs(d) < 9e18)
        {
            return (long)d;
        }

        Error(path, node, max == int.MaxValue ? "must be a whole number (at most 2147483647)" : "must be a whole number");
        return null;
    }

    public int? Int(JsonNode? node, string path) => (int?)Long(node, path, int.MinValue, int.MaxValue);

    public Uri? HttpUrl(JsonNode? node, string path)
    {
        var text = String(node, path);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        Error(path, node, "must be an absolute http:// or https:// URL");
        return null;
    }

    public T? Choice<T>(JsonNode? node, string path, IReadOnlyDictionary<string, T> allowed)
        where T : struct
    {
        var text = String(node, path);
        if (text is null)
        {
            return null;
        }

        if (allowed.TryGetValue(text, out var value))
        {
            return value;
        }

        Error(path, node, "must be one of " + string.Join(" | ", allowed.Keys));
        return null;
    }

    public List<string>? StringList(JsonNode? node, string path)
    {
        var array = Array(node, path);
        if (array is null)
        {
            return null;
        }

        var list = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i] is JsonValue v && v.GetValueKind() is JsonValueKind.Number ? v.ToJsonString() : String(array[i], ConfigPath.Item(path, i));
            if (array[i] is null)
            {
                Error(ConfigPath.Item(path, i), null, "must be a string");
            }
            else if (item is not null)
            {
                list.Add(item);
            }
        }

        return list;
    }

    internal static bool TryNumber(JsonNode node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue<long>(out var l))
        {
            value = l;
        }
        else if (v.TryGetValue<int>(out var i))
        {
            value = i;
        }
        else if (v.TryGetValue<double>(out var d))
        {
            value = d;
        }
        else if (v.TryGetValue<decimal>(out var m))
        {
            value = (double)m;
        }
        else if (v.TryGetValue<JsonElement>(out var e))
        {
            value = double.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        else
        {
            return false;
        }

        return true;
    }
}
