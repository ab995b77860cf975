using System.Net;
using System.Net.Sockets;

namespace DingGate.Cli.Admin;

/// <summary>
/// The HTTP client the CLI talks to a gateway's admin endpoint with: no proxy (an <c>HTTP_PROXY</c> must never see
/// the admin token), no redirects, and connections only to loopback addresses (<c>localhost</c> is resolved and only
/// its loopback addresses are tried), a second fence behind <see cref="AdminEndpointTrust"/>'s URL check.
/// </summary>
internal static class AdminHttp
{
    public static HttpClient Create(TimeSpan timeout) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectCallback = ConnectToLoopbackAsync,
    })
    {
        Timeout = timeout,
    };

    private static async ValueTask<Stream> ConnectToLoopbackAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var loopback = addresses.Where(LoopbackUrl.IsLoopback).ToArray();
        if (loopback.Length == 0)
        {
            throw new HttpRequestException($"the admin endpoint's host {host} is not a loopback address ({LoopbackUrl.Allowed})");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(loopback, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
