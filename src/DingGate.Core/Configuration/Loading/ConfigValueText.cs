using System.Globalization;
using System.Text.Json.Nodes;
using DingGate.Core.Secrets;

namespace DingGate.Core.Configuration.Loading;

/// <summary>How a value is shown in an error: JSON text, shortened, and <c>***</c> for anything secret.</summary>
public static class ConfigValueText
{
    private const int MaxLength = 80;

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The mask shown instead of a secret.</summary>
    public const string Mask = "***";

    /// <summary>True when the key at the end of <paramref name="path"/> holds a secret (clientSecret, apiKey, tokens, passwords).</summary>
    public static bool IsSecret(string path)
    {
        var key = path[(path.LastIndexOf('.') + 1)..];
        return key.EndsWith("secret", StringComparison.OrdinalIgnoreCase) || key.EndsWith("apikey", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith("token", StringComparison.OrdinalIgnoreCase) || key.EndsWith("password", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The value at <paramref name="path"/> as shown in messages; null for a missing value.</summary>
    public static string? Of(string path, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (IsSecret(path))
        {
            return Mask;
        }

        if (ConnectionStringPassword.IsConnectionString(path) && node is JsonValue value && value.TryGetValue<string>(out var connectionString))
        {
            node = JsonValue.Create(ConnectionStringPassword.Mask(connectionString));
        }

        string text;
        if (ConfigReader.TryNumber(node, out var d) && !double.IsFinite(d))
        {
            text = d.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            text = node.ToJsonString(JsonOptions);
        }

        return text.Length <= MaxLength ? text : text[..MaxLength] + "…";
    }

    /// <summary>A model value as shown in messages (strings quoted), masked when <paramref name="path"/> is secret.</summary>
    public static string? Of(string path, object? value) => value switch
    {
        null => null,
        _ when IsSecret(path) => Mask,
        string s => Of(path, JsonValue.Create(s)),
        Uri u => Of(path, JsonValue.Create(u.OriginalString)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
