using System.Net.WebSockets;
using DingGate.Emulator.Faults;
using DingGate.Emulator.Fixtures;

namespace DingGate.Emulator.Stream;

/// <summary>
/// The timers of one connection, all on the emulator clock: SYSTEM ping every <see cref="EmulatorOptions.PingInterval"/>
/// (default none) with pong tracking (close after <see cref="EmulatorOptions.MaxMissedPongs"/>), automatic disconnect after
/// <see cref="EmulatorOptions.ConnectionMaxAge"/>, and the close <see cref="EmulatorOptions.DisconnectGrace"/> after a
/// disconnect. Timer callbacks only queue frames; disposed when the connection ends.
/// </summary>
internal sealed class ConnectionKeepAlive(StreamConnection connection, EmulatorOptions options, FaultSwitches faults, IdGenerator ids) : IDisposable
{
    public const string DefaultReason = "persistent connection is timeout";

    private readonly Dictionary<string, string> _outstanding = new(StringComparer.Ordinal);
    private readonly List<ITimer> _timers = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    public int MissedPongs { get; private set; }

    public DateTimeOffset? LastPongAt { get; private set; }

    public void Start()
    {
        var time = options.TimeProvider;
        if (options.PingInterval is { } interval && interval > TimeSpan.Zero)
        {
            Add(time.CreateTimer(_ => Tick(), null, interval, interval));
        }

        if (options.ConnectionMaxAge is { } age && age > TimeSpan.Zero)
        {
            Add(time.CreateTimer(_ => Disconnect(DefaultReason), null, age, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>
    /// Sends SYSTEM disconnect, stops routing to the connection and closes it after the grace period. With
    /// <paramref name="withoutMessageId"/> the frame has no <c>headers.messageId</c> (spec §1.4: only "usually" present).
    /// </summary>
    public bool Disconnect(string? reason, bool withoutMessageId = false)
    {
        var messageId = withoutMessageId ? null : ids.NewFrameMessageId();
        var text = reason ?? DefaultReason;
        if (!connection.BeginGoAway(messageId, text, ServerFrame.Disconnect(messageId, options.TimeProvider.GetUtcNow(), text)))
        {
            return false;
        }

        Add(options.TimeProvider.CreateTimer(
            _ => connection.RequestClose(WebSocketCloseStatus.NormalClosure, text), null, options.DisconnectGrace, Timeout.InfiniteTimeSpan));
        return true;
    }

    /// <summary>Handles a pong (ACK echoing a ping's messageId and opaque); false when the frame is not one.</summary>
    public bool TryAcceptPong(ClientFrame frame)
    {
        lock (_gate)
        {
            if (!_outstanding.TryGetValue(frame.MessageId, out var opaque))
            {
                return false;
            }

            if (frame.DataProperty("opaque") == opaque)
            {
                _outstanding.Clear();
                MissedPongs = 0;
                LastPongAt = options.TimeProvider.GetUtcNow();
            }

            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }

    private void Tick()
    {
        if (faults.SuppressPings || connection.State == StreamConnectionState.Closed)
        {
            return;
        }

        string frame;
        lock (_gate)
        {
            MissedPongs = _outstanding.Count;
            if (options.MaxMissedPongs > 0 && MissedPongs >= options.MaxMissedPongs)
            {
                connection.RequestClose(WebSocketCloseStatus.PolicyViolation, "missed pongs");
                return;
            }

            var messageId = ids.NewFrameMessageId();
            var opaque = ids.NewUuid();
            _outstanding[messageId] = opaque;
            frame = ServerFrame.Ping(messageId, options.TimeProvider.GetUtcNow(), opaque);
        }

        connection.Enqueue(frame);
    }

    private void Add(ITimer timer)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                timer.Dispose();
                return;
            }

            _timers.Add(timer);
        }
    }
}
