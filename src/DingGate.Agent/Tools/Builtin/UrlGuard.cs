using System.Net;
using System.Net.Sockets;

namespace DingGate.Agent.Tools.Builtin;

// The SSRF guard of fetch_url and send_file: only http(s); the host is resolved and EVERY address it resolves to must
// be public (AddressRanges) unless tools.fetchUrl.allowPrivate is on or the host (or host:port) is in allowHosts;
// metadata host names are refused by name too. CheckAsync returns the addresses that passed: the connection goes to
// one of them (GuardedHttp's ConnectCallback), so a DNS answer that changes between check and connect cannot swap in
// another address.
internal sealed class UrlGuard(FetchUrlOptions options, IHostResolver resolver)
{
    // Host names of metadata services that resolve only inside a cloud.
    private static readonly string[] MetadataHosts = ["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal"];

    public FetchUrlOptions Options => options;

    // Throws UrlRefusedException naming the URL and why, else returns the addresses to connect to.
    public async Task<IReadOnlyList<IPAddress>> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new UrlRefusedException($"Refused '{url}': only http and https URLs can be fetched.");
        }

        var host = url.IdnHost.TrimEnd('.').ToLowerInvariant();
        return await CheckHostAsync(host, url.Port, url.ToString(), cancellationToken);
    }

    // The same check for a host and port about to be connected to (the ConnectCallback's view).
    public async Task<IReadOnlyList<IPAddress>> CheckHostAsync(string host, int port, string shownAs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        host = host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        var allowed = options.AllowPrivate || IsAllowedHost(host, port);
        if (!allowed && MetadataHosts.Contains(host, StringComparer.Ordinal))
        {
            throw new UrlRefusedException($"Refused '{shownAs}': {host} is a cloud metadata service.");
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(host, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new UrlRefusedException($"Refused '{shownAs}': the host {host} could not be resolved ({ex.SocketErrorCode}).", ex);
            }
        }

        if (addresses.Length == 0)
        {
            throw new UrlRefusedException($"Refused '{shownAs}': the host {host} resolves to no address.");
        }

        if (!allowed)
        {
            foreach (var address in addresses)
            {
                if (AddressRanges.WhyRefused(address) is { } why)
                {
                    var shown = address.ToString() == host ? host : $"{host} resolves to {address}, which";
                    throw new UrlRefusedException(
                        $"Refused '{shownAs}': {shown} is {why}. Only public addresses can be fetched (tools.fetchUrl.allowPrivate and allowHosts make exceptions).");
                }
            }
        }

        return addresses;
    }

    private bool IsAllowedHost(string host, int port)
    {
        foreach (var entry in options.AllowHosts)
        {
            var (entryHost, entryPort) = Split(entry);
            if (string.Equals(entryHost, host, StringComparison.OrdinalIgnoreCase) && (entryPort is null || entryPort == port))
            {
                return true;
            }
        }

        return false;
    }

    // "host", "host:port", "[v6]:port" or a bare IPv6 address.
    private static (string Host, int? Port) Split(string entry)
    {
        var text = entry.Trim();
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            var inner = close > 0 ? text[1..close] : text.Trim('[', ']');
            var rest = close > 0 ? text[(close + 1)..] : string.Empty;
            return (inner, rest.StartsWith(':') && int.TryParse(rest[1..], out var p6) ? p6 : null);
        }

        var colon = text.LastIndexOf(':');
        if (colon > 0 && text.IndexOf(':', StringComparison.Ordinal) == colon && int.TryParse(text[(colon + 1)..], out var port))
        {
            return (text[..colon].TrimEnd('.'), port);
        }

        return (text.TrimEnd('.'), null);
    }
}
