using System.Text.RegularExpressions;

namespace DingGate.Emulator.Recording;

/// <summary>
/// Masks app secrets in recorded traffic (JSON bodies and query strings), so the traffic log and the control API
/// never show a credential. Access tokens stay visible: they are the emulator's own, short-lived, and tests check them.
/// </summary>
internal static partial class SecretRedactor
{
    public const string Mask = "***";

    public static string RedactBody(string body) =>
        body.Length == 0 ? body : JsonSecret().Replace(body, m => m.Groups["head"].Value + Mask);

    public static string RedactQuery(string query) =>
        query.Length == 0 ? query : QuerySecret().Replace(query, m => m.Groups["head"].Value + Mask);

    [GeneratedRegex(""""(?<head>"(?:clientSecret|appSecret|client_secret|appsecret)"\s*:\s*")(?:[^"\\]|\\.)*"""", RegexOptions.IgnoreCase)]
    private static partial Regex JsonSecret();

    [GeneratedRegex("""(?<head>[?&](?:appsecret|clientSecret|client_secret)=)[^&]*""", RegexOptions.IgnoreCase)]
    private static partial Regex QuerySecret();
}
