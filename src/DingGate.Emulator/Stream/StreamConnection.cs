using System.Net.WebSockets;
using System.Threading.Channels;
using DingGate.Emulator.Fixtures;

namespace DingGate.Emulator.Stream;

/// <summary>
/// One accepted Stream socket: identity, subscriptions, state and a write queue drained by a single writer
/// (<see cref="StreamSocketSession"/>), so timers and pushes never write to the socket concurrently.
/// </summary>
internal sealed class StreamConnection(string id, long sequence, EmulatedApp app, StreamTicket ticket, WebSocket socket, DateTimeOffset openedAt)
{
    private readonly Channel<OutgoingFrame> _outgoing = Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private StreamConnectionState _state = StreamConnectionState.Active;

    public string Id { get; } = id;

    /// <summary>Opening order, so that random picks over a seeded generator are repeatable.</summary>
    public long Sequence { get; } = sequence;

    public EmulatedApp App { get; } = app;

    public StreamTicket Ticket { get; } = ticket;

    public DateTimeOffset OpenedAt { get; } = openedAt;

    public WebSocket Socket { get; } = socket;

    public ConnectionKeepAlive? KeepAlive { get; set; }

    /// <summary>Kills the underlying TCP connection: <c>HttpContext.Abort</c>, cleared by the endpoint when the request ends.</summary>
    public Action? AbortTransport { get; set; }

    /// <summary>The socket's transport, for the blackhole fault; null if the upgrade was not wrapped.</summary>
    public LinkStream? Link { get; set; }

    /// <summary>Whether the connection's network path was made dead (<see cref="LinkStream.Blackhole"/>).</summary>
    public bool Blackholed => Link?.IsBlackholed == true;

    /// <summary>messageId of the SYSTEM disconnect sent on this connection; its ACK is accepted and ignored.</summary>
    public string? DisconnectMessageId { get; private set; }

    public string? DisconnectReason { get; private set; }

    public StreamConnectionState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public ChannelReader<OutgoingFrame> Outgoing => _outgoing.Reader;

    public bool IsSubscribed(string type, string topic) => Ticket.Subscriptions.Any(s => s.Covers(type, topic));

    /// <summary>Queues a text frame; false when the connection is closed.</summary>
    public bool Enqueue(string text) => State != StreamConnectionState.Closed && _outgoing.Writer.TryWrite(new OutgoingFrame(text));

    /// <summary>Marks the connection go-away (no new pushes) and queues the disconnect frame; false if not active.</summary>
    public bool BeginGoAway(string? messageId, string reason, string frame)
    {
        lock (_gate)
        {
            if (_state != StreamConnectionState.Active)
            {
                return false;
            }

            _state = StreamConnectionState.GoAway;
            DisconnectMessageId = messageId;
            DisconnectReason = reason;
        }

        return _outgoing.Writer.TryWrite(new OutgoingFrame(frame));
    }

    /// <summary>Queues a close frame after whatever is already queued; the writer then stops.</summary>
    public void RequestClose(WebSocketCloseStatus status, string description) =>
        _outgoing.Writer.TryWrite(new OutgoingFrame(null, status, description));

    /// <summary>Kills the socket without a close frame (a dropped network link).</summary>
    public void Abort()
    {
        var abortTransport = AbortTransport;
        AbortTransport = null;
        MarkClosed();
        Socket.Abort();
        try
        {
            abortTransport?.Invoke();
        }
        catch (ObjectDisposedException)
        {
            // The request ended meanwhile: the transport is already gone.
        }
    }

    public void MarkClosed()
    {
        lock (_gate)
        {
            _state = StreamConnectionState.Closed;
        }

        _outgoing.Writer.TryComplete();
    }
}
