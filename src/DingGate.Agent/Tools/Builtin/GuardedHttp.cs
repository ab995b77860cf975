using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace DingGate.Agent.Tools.Builtin;

// HTTP GET behind the UrlGuard: no proxy, no automatic redirects (each Location is checked again, at most
// maxRedirects), the connection made to an address the guard passed (ConnectCallback re-resolves and re-checks the
// host itself, so a DNS answer changing after the check cannot reach a refused address), one deadline for the whole
// fetch on the TimeProvider, and a byte cap on the (decompressed) body.
internal sealed class GuardedHttp : IDisposable
{
    private readonly UrlGuard _guard;
    private readonly TimeProvider _time;
    private readonly HttpClient _client;

    public GuardedHttp(UrlGuard guard, TimeProvider time)
    {
        _guard = guard;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public UrlGuard Guard => _guard;

    // GETs url; a body over maxBytes is cut (truncate) or refused. Throws UrlRefusedException for anything refused,
    // failed or timed out (the message is for the model); OperationCanceledException only when cancellationToken is.
    public async Task<FetchedResponse> GetAsync(Uri url, long maxBytes, bool truncate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var options = _guard.Options;
        using var deadline = new CancellationTokenSource(options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await FollowAsync(url, maxBytes, truncate, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new UrlRefusedException($"Fetching '{url}' timed out after {(long)options.Timeout.TotalMilliseconds} ms (tools.fetchUrl.timeoutMs).");
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refused)
        {
            throw new UrlRefusedException(refused.Message, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new UrlRefusedException($"Fetching '{url}' failed: {ex.Message}", ex);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UrlRefusedException($"Fetching '{url}' failed while reading: {ex.Message}", ex);
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<FetchedResponse> FollowAsync(Uri url, long maxBytes, bool truncate, CancellationToken cancellationToken)
    {
        var options = _guard.Options;
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            await _guard.CheckAsync(current, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("DingGate", "1.0"));
            request.Headers.Accept.ParseAdd("text/html,text/plain;q=0.9,*/*;q=0.5");
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (IsRedirect(response.StatusCode))
            {
                var location = response.Headers.Location
                    ?? throw new UrlRefusedException($"'{current}' answered {(int)response.StatusCode} without a Location to follow.");
                if (redirects >= options.MaxRedirects)
                {
                    throw new UrlRefusedException($"Refused '{url}': more than {options.MaxRedirects} redirects (tools.fetchUrl.maxRedirects).");
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            var content = response.Content.Headers;
            if (!truncate && content.ContentLength > maxBytes)
            {
                throw new UrlRefusedException($"Refused '{current}': it is {content.ContentLength} bytes, over the limit of {maxBytes} bytes.");
            }

            var (body, cut) = await ReadCappedAsync(response.Content, maxBytes, cancellationToken);
            if (cut && !truncate)
            {
                throw new UrlRefusedException($"Refused '{current}': it is over the limit of {maxBytes} bytes.");
            }

            return new FetchedResponse(current, response.StatusCode, content.ContentType?.MediaType?.ToLowerInvariant(), content.ContentType?.CharSet, body, cut);
        }
    }

    private static async Task<(byte[] Body, bool Cut)> ReadCappedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var room = maxBytes + 1 - buffer.Length;
            if (room <= 0)
            {
                break;
            }

            var read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, room)), cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        var cut = buffer.Length > maxBytes;
        var bytes = buffer.ToArray();
        return (cut ? bytes[..(int)maxBytes] : bytes, cut);
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static UrlRefusedException? Refusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is UrlRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    // The connection itself: the host is resolved and checked again here and the socket goes to an address that passed.
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = await _guard.CheckHostAsync(endpoint.Host, endpoint.Port, context.InitialRequestMessage.RequestUri?.ToString() ?? endpoint.Host, cancellationToken);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
