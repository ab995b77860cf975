using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace DingGate.Emulator.Tests.Tls;

/// <summary>
/// An HttpClient that dials 127.0.0.1:<c>port</c> whatever host the URL names (like curl's --connect-to), so SNI and
/// the Host header stay the real DingTalk host name; the server certificate is checked against <c>trustedRoot</c> only.
/// </summary>
internal static class TlsClient
{
    public static HttpClient Create(int port, X509Certificate2? trustedRoot, Action<SslPolicyErrors>? observe = null, Action<X509Certificate2>? capture = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            observe?.Invoke(errors);
            if (certificate is not null)
            {
                capture?.Invoke(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            }

            return trustedRoot is not null && certificate is X509Certificate2 leaf && IsTrusted(leaf, errors, trustedRoot);
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    // Name mismatch is decided by the TLS stack (SNI host vs SANs); the chain is rebuilt against the custom root only.
    private static bool IsTrusted(X509Certificate2 leaf, SslPolicyErrors errors, X509Certificate2 trustedRoot)
    {
        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trustedRoot);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
