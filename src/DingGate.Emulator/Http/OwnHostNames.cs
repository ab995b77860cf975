using System.Net;

namespace DingGate.Emulator.Http;

/// <summary>
/// The host names the emulator's own routes answer for (DNS-rebinding defence): any IP literal (127.0.0.1, ::1, the
/// bound address: a rebinding page always names the attacker's domain, never an address), <c>localhost</c> and
/// <c>*.localhost</c> (browsers resolve them to loopback themselves), the advertised <see cref="EmulatorOptions.PublicHost"/>
/// and <see cref="EmulatorOptions.PublicBaseUrl"/> host, the TLS certificate's names in TLS mode, and
/// <see cref="EmulatorOptions.AllowedHosts"/>. Any port. Read live from the options, so a change shows at once.
/// </summary>
internal sealed class OwnHostNames(EmulatorOptions options)
{
    public bool Allows(string host)
    {
        // HTTP/1.0 without a Host header: not a browser (every browser sends one).
        if (host.Length == 0)
        {
            return true;
        }

        var name = host.EndsWith('.') ? host[..^1] : host;
        if (IPAddress.TryParse(name.Trim('[', ']'), out _))
        {
            return true;
        }

        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return Configured().Any(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The names besides IP literals and localhost, for the refusal text.</summary>
    public IEnumerable<string> Configured()
    {
        if (options.PublicHost is { Length: > 0 } publicHost)
        {
            yield return publicHost;
        }

        if (options.PublicBaseUrl is { } publicUrl)
        {
            yield return publicUrl.Host;
        }

        if (options.Tls)
        {
            foreach (var name in options.TlsHostNames)
            {
                yield return name;
            }
        }

        foreach (var name in options.AllowedHosts)
        {
            yield return name;
        }
    }
}
