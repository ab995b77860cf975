using System.Net;

namespace DingGate.Cli.Admin;

/// <summary>
/// Whether an admin URL points to this machine: http(s) to an IP literal in 127.0.0.0/8 or <c>::1</c> (also as an
/// IPv4-mapped IPv6 address), or the name <c>localhost</c>. Any other host name is refused even when it resolves to a
/// loopback address today: DNS answers can change (DNS rebinding), a literal cannot.
/// </summary>
internal static class LoopbackUrl
{
    public const string Allowed = "127.0.0.0/8, ::1 or localhost";

    public static bool IsLoopback(Uri url) =>
        url.IsAbsoluteUri
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && url.UserInfo.Length == 0
        && url.HostNameType switch
        {
            UriHostNameType.IPv4 or UriHostNameType.IPv6 => IPAddress.TryParse(url.DnsSafeHost, out var address) && IsLoopback(address),
            UriHostNameType.Dns => string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };

    public static bool IsLoopback(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? IPAddress.IsLoopback(address.MapToIPv4()) : IPAddress.IsLoopback(address);
}
