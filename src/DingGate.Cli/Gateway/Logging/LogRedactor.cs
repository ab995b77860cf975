namespace DingGate.Cli.Gateway.Logging;

/// <summary>
/// Replaces known secret values (client secrets, API keys from the loaded config) with <c>***</c> in log text: the code
/// never logs them on purpose, this is the safety net for an exception message that quotes one.
/// </summary>
internal sealed class LogRedactor(IEnumerable<string?> secrets)
{
    private readonly string[] _secrets = secrets.Where(s => s is { Length: >= 4 }).Select(s => s!).Distinct(StringComparer.Ordinal)
        .OrderByDescending(s => s.Length).ToArray();

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
