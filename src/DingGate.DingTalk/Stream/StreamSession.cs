using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using DingGate.DingTalk.Stream.Registration;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Stream;

/// <summary>
/// One Stream WebSocket: a reader loop that only hands frames to the <see cref="StreamFrameHandler"/>, serialised
/// writes, and liveness from the WebSocket layer (<see cref="ConfigureKeepAlive"/>). The reader task is owned here and
/// awaited by <see cref="DisposeAsync"/>.
/// </summary>
internal sealed partial class StreamSession : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly StreamFrameHandler _handler;
    private readonly StreamClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _accountId;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _goAway = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<DateTimeOffset> _onInbound;
    private Task<SessionEnd> _reader = Task.FromResult(SessionEnd.ClosedByClient);
    private volatile bool _closing;

    private StreamSession(
        string accountId, ClientWebSocket socket, StreamFrameHandler handler, StreamClientOptions options, TimeProvider time, ILogger logger,
        Action<DateTimeOffset> onInbound)
    {
        _accountId = accountId;
        _socket = socket;
        _handler = handler;
        _options = options;
        _time = time;
        _logger = logger;
        _onInbound = onInbound;
    }

    /// <summary>Completes when the server sent SYSTEM disconnect (the session keeps reading until closed).</summary>
    public Task GoAway => _goAway.Task;

    /// <summary>The reader loop; completes when the socket is gone.</summary>
    public Task<SessionEnd> Completion => _reader;

    /// <summary>Opens the socket with the registration's ticket and starts reading.</summary>
    public static async Task<StreamSession> ConnectAsync(
        string accountId, StreamRegistration registration, StreamFrameHandler handler, StreamClientOptions options, TimeSpan keepAliveInterval,
        TimeProvider time, ILogger logger, Action<DateTimeOffset> onInbound, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        ConfigureKeepAlive(socket.Options, keepAliveInterval);

        using var timeout = new CancellationTokenSource(options.ConnectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await socket.ConnectAsync(registration.SocketUri(), linked.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            var detail = status != 0 ? $"HTTP {(int)status}" : ex.Message;
            throw new StreamConnectionException(
                StreamFailureKind.Transient, $"Stream socket for {accountId} could not be opened ({detail}).", status != 0 ? (int)status : null, inner: ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var session = new StreamSession(accountId, socket, handler, options, time, logger, onInbound);
        session.Start();
        return session;
    }

    /// <summary>Sends one text frame; writes are serialised.</summary>
    public async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes cleanly (close frame, wait for the reader) within the close timeout, else aborts.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        _closing = true;
        using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _sendLock.WaitAsync(linked.Token);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", linked.Token);
                }
            }
            finally
            {
                _sendLock.Release();
            }

            await _reader.WaitAsync(linked.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            await _lifetime.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        await _lifetime.CancelAsync();
        await _reader;
        _socket.Dispose();
        _lifetime.Dispose();
        _sendLock.Dispose();
    }

    /// <summary>
    /// Liveness comes from the WebSocket layer, never from the absence of data frames. A quiet link is normal on the
    /// real service: no official SDK has a data-frame timeout (SDK-go pings after 120 s idle and counts any frame or
    /// pong, client/client.go; SDK-py pings every 60 s, stream.py; SDK-java pings on 60 s idle with a 5 s pong timeout,
    /// Connector.java), and a 60 s "no data frame" detector reconnected quiet, healthy links every minute in production
    /// (soimy/openclaw-channel-dingtalk PR #336; OC now pings every 20 s and counts pongs as activity). So the client
    /// sends a WebSocket PING every <paramref name="interval"/> and the socket is aborted when its PONG does not come
    /// back within half an interval (the reader then sees the drop and the client reconnects).
    /// ClientWebSocket does this itself (.NET 9+ KeepAliveInterval + KeepAliveTimeout): a PING goes out once no frame
    /// arrived for an interval, and its heartbeat checks every min(interval, timeout)/4, so a dead link is aborted at most
    /// interval + interval/8 + interval/2 + interval/8 = 1.75 intervals after the last frame, within two intervals. It
    /// runs on real time, not on the TimeProvider: a fake clock can never declare a healthy link dead.
    /// </summary>
    internal static void ConfigureKeepAlive(ClientWebSocketOptions options, TimeSpan interval)
    {
        options.KeepAliveInterval = interval;
        options.KeepAliveTimeout = interval / 2;
    }

    private void Start() => _reader = ReadLoopAsync();

    private async Task<SessionEnd> ReadLoopAsync()
    {
        await Task.Yield();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var token = _lifetime.Token;
        try
        {
            using var message = new MemoryStream();
            var oversized = false;
            long size = 0;
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return await OnCloseReceivedAsync(token);
                }

                size += result.Count;
                oversized |= message.Length + result.Count > _options.MaxFrameBytes;
                if (!oversized)
                {
                    message.Write(buffer, 0, result.Count);
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                var receivedAt = _time.GetTimestamp();
                _onInbound(_time.GetUtcNow());
                if (result.MessageType != WebSocketMessageType.Text)
                {
                    LogSkippedFrame(_logger, _accountId, result.MessageType.ToString(), size);
                }
                else if (oversized)
                {
                    // Only the first MaxFrameBytes were kept: enough for the headers, which come before the data.
                    await _handler.HandleOversizedAsync(message.GetBuffer().AsMemory(0, (int)message.Length), size, _options.MaxFrameBytes, receivedAt, SendAsync, token);
                }
                else
                {
                    var text = Encoding.UTF8.GetString(message.GetBuffer().AsSpan(0, (int)message.Length));
                    if (await _handler.HandleAsync(text, receivedAt, SendAsync, token) == FrameOutcome.GoAway)
                    {
                        _goAway.TrySetResult();
                    }
                }

                message.SetLength(0);
                oversized = false;
                size = 0;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _socket.Abort();
            return SessionEnd.ClosedByClient;
        }
        catch (OperationCanceledException ex)
        {
            // Not ours: ClientWebSocket aborted itself, e.g. no PONG within the keep-alive timeout (a dead link).
            LogDropped(_logger, _accountId, DropReason(ex));
            return SessionEnd.Dropped;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            if (!_closing)
            {
                LogDropped(_logger, _accountId, ex.Message);
            }

            return _closing ? SessionEnd.ClosedByClient : SessionEnd.Dropped;
        }
        catch (Exception ex)
        {
            // A bug must not take the client down: treat the link as lost and reconnect.
            LogReaderFailed(_logger, ex, _accountId);
            _socket.Abort();
            return SessionEnd.Dropped;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // ClientWebSocket wraps its keep-alive failure ("didn't receive a Pong frame…") in the "Aborted" cancellation.
    private static string DropReason(Exception ex)
    {
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is AggregateException aggregate && aggregate.InnerExceptions.OfType<WebSocketException>().FirstOrDefault() is { } socket)
            {
                return socket.Message;
            }

            if (inner is WebSocketException direct)
            {
                return direct.Message;
            }
        }

        return ex.Message;
    }

    private async Task<SessionEnd> OnCloseReceivedAsync(CancellationToken cancellationToken)
    {
        var initiatedByUs = _closing;
        if (_socket.State == WebSocketState.CloseReceived)
        {
            await _sendLock.WaitAsync(cancellationToken);
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, cancellationToken);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        if (!initiatedByUs)
        {
            LogServerClosed(_logger, _accountId, _socket.CloseStatus, _socket.CloseStatusDescription);
        }

        return initiatedByUs ? SessionEnd.ClosedByClient : SessionEnd.ClosedByServer;
    }
}
