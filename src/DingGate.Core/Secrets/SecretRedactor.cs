using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DingGate.Core.Secrets;

/// <summary>
/// The one redactor of every output (console, JSONL log, admin API, CLI errors): replaces with <c>***</c> the known
/// secret values (the configuration's client secrets and API keys, the admin token; also as they look URL-encoded or
/// JSON-escaped) and whatever has the shape of a credential: <c>Authorization</c> / <c>Bearer</c> / <c>Basic</c>
/// values, <c>x-acs-dingtalk-access-token</c> headers, access tokens, app secrets, API keys, signatures
/// (<c>sign=</c>), Stream tickets and session-webhook <c>session=</c> tokens in URLs, JSON and headers. The code never
/// writes a secret on purpose; this is the net for an exception or a provider answer that quotes one. Thread-safe: a
/// config reload teaches it the secrets the new file adds (<see cref="Learn"/>); it never forgets one.
/// </summary>
public sealed partial class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>Shorter values are not treated as secrets (masking them would mangle ordinary text).</summary>
    public const int MinimumLength = 4;

    private readonly Lock _learning = new();
    private string[] _values;

    /// <summary>A redactor masking <paramref name="secrets"/> (nulls and values shorter than <see cref="MinimumLength"/> ignored) and every credential-shaped value.</summary>
    public SecretRedactor(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _values = Known([], secrets);
    }

    /// <summary>A redactor that knows no configured secret, only credential shapes (before a configuration is loaded).</summary>
    public static SecretRedactor ShapesOnly() => new([]);

    /// <summary>How many distinct secret values (with their encoded forms) this redactor masks.</summary>
    public int KnownValues => Volatile.Read(ref _values).Length;

    /// <summary>A new redactor: this one's secrets plus <paramref name="secrets"/>.</summary>
    public SecretRedactor With(IEnumerable<string?> secrets) => new(Volatile.Read(ref _values).Concat(secrets));

    /// <summary>
    /// From now on also masks <paramref name="secrets"/> (a reloaded configuration's new client secrets and API keys).
    /// Every sink holding this redactor masks them from the next line on; secrets already known stay known.
    /// </summary>
    public void Learn(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        lock (_learning)
        {
            Volatile.Write(ref _values, Known(Volatile.Read(ref _values), secrets));
        }
    }

    /// <summary><paramref name="text"/> with every known secret and credential-shaped value masked; null stays null.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in Volatile.Read(ref _values))
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        text = AuthorizationValue().Replace(text, m => m.Groups["head"].Value + Mask);
        text = SchemeToken().Replace(text, m => m.Groups["head"].Value + Mask);
        text = HeaderValue().Replace(text, m => m.Groups["head"].Value + Mask);
        text = JsonValue().Replace(text, m => m.Groups["head"].Value + Mask);
        text = QueryValue().Replace(text, m => m.Groups["head"].Value + Mask);
        return text;
    }

    /// <summary>The exception's full text (type, message, stack, inner exceptions) redacted.</summary>
    public string Redact(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Redact(exception.ToString());
    }

    private static string[] Known(IEnumerable<string> known, IEnumerable<string?> secrets) =>
        known.Concat(secrets.Where(s => s is { Length: >= MinimumLength }).SelectMany(s => Forms(s!)))
            .Where(s => s.Length >= MinimumLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();

    // A secret as it may appear: as is, URL-encoded (in a query string), JSON-escaped (strict and relaxed encoders).
    private static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        yield return Uri.EscapeDataString(secret);
        yield return JsonEncodedText.Encode(secret).Value;
        yield return JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
    }

    // Authorization: Bearer x / Authorization=Basic x / "Authorization": "Bearer x" (the scheme kept, the credential masked).
    [GeneratedRegex("""(?<head>\bAuthorization["']?\s*[:=]\s*["']?(?:(?:Bearer|Basic|Token|Digest)\s+)?)(?![*]{3})(?!(?:Bearer|Basic|Token|Digest)\b)[A-Za-z0-9\-._~+/]{4,}=*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationValue();

    // "Bearer eyJ…" anywhere (e.g. a provider quoting the header it got); a credential is 8+ token characters.
    [GeneratedRegex("""(?<head>\bBearer\s+)[A-Za-z0-9\-._~+/]{8,}=*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SchemeToken();

    // Header lines: x-acs-dingtalk-access-token: x, x-api-key: x, api-key: x, sign: x (DingTalk's callback signature header).
    [GeneratedRegex("""(?<head>(?<![\w-])(?:x-acs-dingtalk-access-token|x-api-key|api-key|x-goog-api-key)["']?\s*[:=]\s*["']?)(?![*]{3})[^\s"',;&]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderValue();

    // JSON members holding credentials: "accessToken": "x", "clientSecret": "x", "sign": "x", "ticket": "x", …
    [GeneratedRegex("""(?<head>"(?:access_?token|accessToken|refresh_?token|x-acs-dingtalk-access-token|app_?secret|client_?secret|api_?key|apiKey|x-api-key|sign|signature|ticket|token|password|secret)"\s*:\s*")(?![*]{3}")(?:[^"\\]|\\.)+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonValue();

    // URL query parameters: ?access_token=x, &sign=x, sendBySession?session=x, ?ticket=x, &appsecret=x, …
    [GeneratedRegex("""(?<head>[?&;](?:access_?token|accessToken|refresh_?token|app_?secret|appSecret|client_?secret|clientSecret|api_?key|apiKey|key|sign|signature|session|ticket|token|password)=)(?![*]{3})[^&\s"'#<>]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryValue();
}
