using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DingGate.Core.Configuration.RedisText;

// One endpoint item of a StackExchange.Redis configuration string: host, host:port, an IPv6 address bare or as
// [address]:port, or !path for a Unix socket. Stricter than the client, which drops an item with an unreadable port
// without a word and takes almost any text for a host name: here both are errors, found before the gateway starts.
internal static class RedisEndpointText
{
    /// <summary>What is wrong with <paramref name="item"/> as an endpoint, without repeating it; null when it is one.</summary>
    public static string? Problem(string item)
    {
        if (item[0] == '!')
        {
            return item.Length > 1 ? null : "the Unix socket path after '!' is empty";
        }

        if (item[0] == '[')
        {
            return Bracketed(item);
        }

        var firstColon = item.IndexOf(':');
        if (firstColon < 0)
        {
            return HostProblem(item);
        }

        if (firstColon != item.LastIndexOf(':'))
        {
            // Several colons without brackets: an IPv6 address, and then no port can follow.
            return IsIPv6(item) ? null : "an IPv6 address with a port is written [address]:port";
        }

        return HostProblem(item[..firstColon]) ?? PortProblem(item[(firstColon + 1)..]);
    }

    private static string? Bracketed(string item)
    {
        var close = item.IndexOf(']');
        if (close < 0 || !IsIPv6(item[1..close]))
        {
            return "brackets hold an IPv6 address: [address]:port";
        }

        var rest = item[(close + 1)..];
        return rest.Length == 0 ? null
            : rest[0] == ':' ? PortProblem(rest[1..])
            : "only :port may follow [address]";
    }

    private static string? HostProblem(string host) =>
        host.Length == 0 ? "the host is empty"
        : host.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_') ? null
        : "the host has a character a host name cannot have";

    private static string? PortProblem(string port) =>
        port.Length > 0 && port.All(char.IsAsciiDigit)
            && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535
            ? null
            : "the port must be a number from 1 to 65535";

    private static bool IsIPv6(string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
}
