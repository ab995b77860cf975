using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DingGate.Core.Tests.Json5;

/// <summary>
/// Compares a canonical value printed by tests/interop/json5-parse.mjs (non-finite numbers and -0 wrapped as
/// {"$num": ...}) with a tree from Json5Reader. Numbers compare as doubles; object keys compare as sets, and in order
/// unless a key is an array index (JavaScript lists those first).
/// </summary>
internal static class Json5Canonical
{
    public static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null)
            {
                differences.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
            }

            return;
        }

        if (expected is JsonObject wrapped && wrapped.Count == 1 && wrapped["$num"] is JsonValue special)
        {
            CompareSpecial((string)special!, actual, path, differences);
            return;
        }

        switch (expected)
        {
            case JsonObject eo when actual is JsonObject ao:
                CompareObjects(eo, ao, path, differences);
                return;
            case JsonArray ea when actual is JsonArray aa:
                if (ea.Count != aa.Count)
                {
                    differences.Add($"{path}: expected {ea.Count} items, got {aa.Count}");
                    return;
                }

                for (var i = 0; i < ea.Count; i++)
                {
                    Compare(ea[i], aa[i], $"{path}[{i}]", differences);
                }

                return;
            case JsonValue ev when actual is JsonValue av && ev.GetValueKind() == JsonValueKind.Number && IsNumber(av):
                var e = ev.GetValue<double>();
                var a = AsDouble(av);
                if (BitConverter.DoubleToInt64Bits(e) != BitConverter.DoubleToInt64Bits(a))
                {
                    differences.Add($"{path}: expected number {e.ToString("R", CultureInfo.InvariantCulture)}, got {a.ToString("R", CultureInfo.InvariantCulture)}");
                }

                return;
            case JsonValue ev when actual is JsonValue av && ev.GetValueKind() == av.GetValueKind()
                                                          && ev.GetValueKind() is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False:
                if (ev.GetValueKind() == JsonValueKind.String && (string)ev! != (string)av!)
                {
                    differences.Add($"{path}: expected {Show(ev)}, got {Show(av)}");
                }

                return;
            default:
                differences.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
                return;
        }
    }

    private static void CompareObjects(JsonObject expected, JsonObject actual, string path, List<string> differences)
    {
        var expectedKeys = expected.Select(p => p.Key).ToList();
        var actualKeys = actual.Select(p => p.Key).ToList();
        var ordered = !expectedKeys.Any(k => uint.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        if (ordered ? !expectedKeys.SequenceEqual(actualKeys) : !expectedKeys.Order(StringComparer.Ordinal).SequenceEqual(actualKeys.Order(StringComparer.Ordinal)))
        {
            differences.Add($"{path}: expected keys [{string.Join(", ", expectedKeys)}], got [{string.Join(", ", actualKeys)}]");
            return;
        }

        foreach (var key in expectedKeys)
        {
            Compare(expected[key], actual[key], $"{path}.{key}", differences);
        }
    }

    private static void CompareSpecial(string special, JsonNode actual, string path, List<string> differences)
    {
        var ok = actual is JsonValue value && value.TryGetValue<double>(out var d) && special switch
        {
            "NaN" => double.IsNaN(d),
            "Infinity" => double.IsPositiveInfinity(d),
            "-Infinity" => double.IsNegativeInfinity(d),
            "-0" => d == 0 && double.IsNegative(d),
            _ => false,
        };
        if (!ok)
        {
            differences.Add($"{path}: expected {special}, got {Show(actual)}");
        }
    }

    private static bool IsNumber(JsonValue value) => value.TryGetValue<long>(out _) || value.TryGetValue<double>(out _);

    private static double AsDouble(JsonValue value) => value.TryGetValue<long>(out var l) ? l : value.GetValue<double>();

    private static string Show(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }

        if (node is JsonValue v && v.TryGetValue<double>(out var d) && !double.IsFinite(d))
        {
            return d.ToString(CultureInfo.InvariantCulture);
        }

        var text = node.ToJsonString();
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
