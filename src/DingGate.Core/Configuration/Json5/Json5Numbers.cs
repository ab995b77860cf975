using System.Globalization;
using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Json5;

// Number tokens to values: an integer that fits is a long, anything else (fraction, exponent, too big, -0) a double.
internal static class Json5Numbers
{
    // text: digits, optionally with '.' and 'e' (never a sign; the sign is in negative).
    public static JsonNode Decimal(string text, bool negative, bool integer)
    {
        if (integer && text.Length <= 19 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value == 0 && negative ? JsonValue.Create(-0.0) : JsonValue.Create(negative ? -value : value);
        }

        if (integer && negative && text == "9223372036854775808")
        {
            return JsonValue.Create(long.MinValue);
        }

        var number = double.Parse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        return JsonValue.Create(negative ? -number : number);
    }
}
