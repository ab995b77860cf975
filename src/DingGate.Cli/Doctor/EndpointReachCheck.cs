using System.Net.Sockets;
using System.Security.Authentication;

namespace DingGate.Cli.Doctor;

/// <summary>
/// Reaches a DingTalk host (DNS, TCP, TLS with certificate validation) with one GET of its root, and reads the
/// server's clock from the <c>Date</c> header for the clock-skew check. Any HTTP answer counts as reached.
/// </summary>
internal sealed class EndpointReachCheck(HttpClient http, TimeProvider time)
{
    public async Task<(DoctorCheck Check, TimeSpan? Skew)> RunAsync(string label, Uri endpoint, CancellationToken cancellationToken)
    {
        var name = $"reach {label} ({endpoint.Host})";
        try
        {
            using var response = await http.GetAsync(endpoint, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var skew = response.Headers.Date is { } date ? time.GetUtcNow() - date : (TimeSpan?)null;
            return (DoctorCheck.Pass(name, $"{endpoint.GetLeftPart(UriPartial.Authority)} answered (HTTP {(int)response.StatusCode})"), skew);
        }
        catch (HttpRequestException ex) when (Root(ex) is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData })
        {
            return (DoctorCheck.Fail(name, $"DNS cannot resolve {endpoint.Host}", "check the DNS settings of this machine (/etc/resolv.conf) or a proxy; DingTalk's hosts must resolve"), null);
        }
        catch (HttpRequestException ex) when (Root(ex) is AuthenticationException)
        {
            return (DoctorCheck.Fail(name, $"TLS to {endpoint.Host} failed: {Root(ex).Message}",
                "a proxy or firewall intercepts TLS, or the CA bundle is outdated: update ca-certificates, or trust the proxy's CA"), null);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (DoctorCheck.Fail(name, $"{endpoint.GetLeftPart(UriPartial.Authority)} cannot be reached: {Root(ex).Message}",
                "allow outgoing HTTPS (443) to DingTalk's hosts in the firewall, or set HTTPS_PROXY"), null);
        }
    }

    private static Exception Root(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
