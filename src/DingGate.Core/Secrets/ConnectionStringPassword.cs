using System.Text.RegularExpressions;

namespace DingGate.Core.Secrets;

/// <summary>
/// The password of a <c>key=value;…</c> connection string (<c>storage.connectionString</c>, <c>coordination.redis</c>)
/// masked for display: <c>Password=</c> / <c>Pwd=</c> values become <c>***</c> (quoted or not), the rest (host,
/// database, user) stays readable, and so does a <c>${ENV}</c> reference (it is not the secret).
/// </summary>
public static partial class ConnectionStringPassword
{
    /// <summary>True when the key at the end of <paramref name="path"/> holds a connection string (<c>…connectionString</c>).</summary>
    public static bool IsConnectionString(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path[(path.LastIndexOf('.') + 1)..].EndsWith("connectionString", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary><paramref name="connectionString"/> with its password values replaced by <c>***</c>.</summary>
    public static string Mask(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return PasswordPart().Replace(connectionString, m =>
            m.Groups["value"].Value.Trim() is { Length: > 0 } value && !value.StartsWith("${", StringComparison.Ordinal)
                ? m.Groups["key"].Value + "***"
                : m.Value);
    }

    // key: start or ';', blanks, Password or Pwd, blanks, '=', blanks. value: '…' or "…" (doubled quotes inside) or up to
    // the next ';'.
    [GeneratedRegex("""(?<key>(?:^|;)\s*(?:password|pwd)\s*=\s*)(?<value>'(?:[^']|'')*'|"(?:[^"]|"")*"|[^;]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPart();
}
