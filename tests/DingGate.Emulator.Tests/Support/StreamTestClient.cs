using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using DingGate.Emulator.Stream;

namespace DingGate.Emulator.Tests.Support;

/// <summary>
/// A minimal Stream client over a real <see cref="ClientWebSocket"/>: registers, connects, reads every frame into a
/// channel (answering SYSTEM pings when <see cref="AutoPong"/> is on) and sends ACKs. Dispose to close.
/// </summary>
internal sealed class StreamTestClient : IAsyncDisposable
{
    public static readonly object[] AllSubscriptions =
    [
        new { type = "EVENT", topic = "*" },
        new { type = "CALLBACK", topic = "/v1.0/im/bot/messages/get" },
        new { type = "CALLBACK", topic = "/v1.0/card/instances/callback" },
    ];

    private readonly Channel<JsonObject> _frames = Channel.CreateUnbounded<JsonObject>();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;

    private StreamTestClient(ClientWebSocket socket, string ticket)
    {
        Socket = socket;
        Ticket = ticket;
    }

    public ClientWebSocket Socket { get; }

    public string Ticket { get; }

    public string ConnectionId { get; private set; } = string.Empty;

    /// <summary>Answer SYSTEM pings with a correct pong automatically.</summary>
    public bool AutoPong { get; set; } = true;

    /// <summary>Set once the server closed the socket (close frame) or the link died.</summary>
    public bool Closed { get; private set; }

    public WebSocketCloseStatus? CloseStatus { get; private set; }

    /// <summary>Registers through the real route and returns the ticket.</summary>
    public static async Task<string> RegisterAsync(TestEmulator emu, object[]? subscriptions = null, string clientId = TestEmulator.ClientId, string secret = TestEmulator.ClientSecret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1.0/gateway/connections/open")
        {
            Content = JsonContent.Create(new { clientId, clientSecret = secret, subscriptions = subscriptions ?? AllSubscriptions, ua = "dinggate-tests/1.0", localIp = "10.0.0.7" }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await emu.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["ticket"]!.GetValue<string>();
    }

    public static Uri SocketUri(TestEmulator emu, string ticket) =>
        new($"ws://{emu.Host.BaseUrl.Host}:{emu.Host.BaseUrl.Port}/connect?ticket={Uri.EscapeDataString(ticket)}");

    /// <summary>Registers, connects and waits until the emulator lists the connection.</summary>
    public static async Task<StreamTestClient> ConnectAsync(TestEmulator emu, object[]? subscriptions = null, bool autoPong = true)
    {
        var ticket = await RegisterAsync(emu, subscriptions);
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(SocketUri(emu, ticket), CancellationToken.None);
        var client = new StreamTestClient(socket, ticket) { AutoPong = autoPong };
        client._reader = client.ReadLoopAsync();
        var hub = emu.Get<StreamHub>();
        await Eventually.TrueAsync(() => hub.Connections.Any(c => c.Ticket.Value == ticket), "connection registered");
        client.ConnectionId = hub.Connections.First(c => c.Ticket.Value == ticket).Id;
        return client;
    }

    /// <summary>The next frame matching <paramref name="match"/> (default: anything but SYSTEM ping), skipping others.</summary>
    public async Task<JsonObject> NextFrameAsync(Func<JsonObject, bool>? match = null, int timeoutMs = 10_000)
    {
        match ??= f => Topic(f) != "ping";
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            var frame = await _frames.Reader.ReadAsync(timeout.Token);
            if (match(frame))
            {
                return frame;
            }
        }
    }

    public Task<JsonObject> NextPingAsync() => NextFrameAsync(f => Topic(f) == "ping");

    public static string? Topic(JsonObject frame) => frame["headers"]?["topic"]?.GetValue<string>();

    public static string MessageId(JsonObject frame) => frame["headers"]!["messageId"]!.GetValue<string>();

    /// <summary>ACK as SDKs send it: <c>{code, headers{contentType, messageId}, message, data}</c>.</summary>
    public Task AckAsync(JsonObject frame, int code = 200, string data = "{\"response\":null}", string message = "OK") =>
        SendAsync(new JsonObject
        {
            ["code"] = code,
            ["headers"] = new JsonObject { ["contentType"] = "application/json", ["messageId"] = MessageId(frame) },
            ["message"] = message,
            ["data"] = data,
        }.ToJsonString());

    public Task PongAsync(JsonObject ping) => AckAsync(ping, data: ping["data"]!.GetValue<string>());

    public async Task SendAsync(string text)
    {
        await _sendLock.WaitAsync();
        try
        {
            await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Waits until the server closed the socket.</summary>
    public Task WaitClosedAsync() => Eventually.TrueAsync(() => Closed, "socket closed by the server");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Socket.State == WebSocketState.Open)
        {
            Socket.Abort();
        }

        await _reader;
        Socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await Socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseStatus = result.CloseStatus;
                    await _sendLock.WaitAsync();
                    try
                    {
                        await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }
                    finally
                    {
                        _sendLock.Release();
                    }

                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var frame = JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!.AsObject();
                message.SetLength(0);
                if (AutoPong && Topic(frame) == "ping")
                {
                    await PongAsync(frame);
                }

                _frames.Writer.TryWrite(frame);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            Closed = true;
        }
    }
}
