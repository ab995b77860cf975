using System.Text;

namespace DingGate.Agent.Tools.Builtin;

// Which fetched bodies are text and how to decode them: text/*, JSON, XML, JavaScript and the like by their charset
// (default UTF-8; GBK, GB18030, Big5 and other code pages through the in-box code page provider); anything else is
// binary and not shown.
internal static class BodyText
{
    public static bool IsText(string? mediaType) =>
        mediaType is null
        || mediaType.StartsWith("text/", StringComparison.Ordinal)
        || mediaType is "application/json" or "application/xml" or "application/xhtml+xml" or "application/javascript" or "application/ecmascript"
            or "application/x-www-form-urlencoded" or "application/yaml" or "application/x-yaml" or "application/toml" or "application/csv"
        || mediaType.EndsWith("+json", StringComparison.Ordinal)
        || mediaType.EndsWith("+xml", StringComparison.Ordinal);

    public static bool IsHtml(string? mediaType) => mediaType is "text/html" or "application/xhtml+xml";

    public static string Decode(byte[] body, string? charset)
    {
        ArgumentNullException.ThrowIfNull(body);
        return EncodingOf(charset).GetString(body);
    }

    private static Encoding EncodingOf(string? charset)
    {
        var name = charset?.Trim().Trim('"', '\'');
        if (string.IsNullOrEmpty(name))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.UTF8;
        }
    }
}
