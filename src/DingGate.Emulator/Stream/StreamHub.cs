using System.Collections.Concurrent;
using System.Globalization;
using DingGate.Emulator.Faults;
using DingGate.Emulator.Fixtures;

namespace DingGate.Emulator.Stream;

/// <summary>
/// The Stream side of the emulator: live connections, pushes with ACK correlation by <c>headers.messageId</c>, and
/// and the pick of one eligible connection per attempt (spec §1.9): at random from the seeded <see cref="IdGenerator"/>
/// or in turn per app (<see cref="EmulatorOptions.StreamSpread"/>), a redelivery preferring a connection that has not
/// had the push yet.
/// </summary>
internal sealed class StreamHub(EmulatorOptions options, IdGenerator ids, AppRegistry apps, FaultSwitches faults) : IStreamPusher, IDisposable
{
    private const int PushCapacity = 5_000;
    private const int ClosedCapacity = 200;
    private readonly List<StreamConnection> _connections = [];
    private readonly ConcurrentDictionary<string, StreamPush> _pushesById = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StreamPush> _pushes = new();
    private readonly ConcurrentQueue<FailedEvent> _failedEvents = new();
    private readonly Dictionary<string, long> _turns = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _sequence;

    public IReadOnlyList<StreamConnection> Connections
    {
        get
        {
            lock (_gate)
            {
                return _connections.ToList();
            }
        }
    }

    public IReadOnlyList<StreamPush> Pushes => _pushes.ToArray();

    public IReadOnlyList<FailedEvent> FailedEvents => _failedEvents.ToArray();

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Register(StreamConnection connection)
    {
        lock (_gate)
        {
            _connections.Add(connection);
        }

        foreach (var push in _pushes.Where(p => p.AwaitingConnection))
        {
            push.OnConnected(connection);
        }
    }

    /// <summary>Keeps the closed connection listed (state closed) and forgets the oldest closed ones beyond a bound.</summary>
    public void Unregister(StreamConnection connection)
    {
        lock (_gate)
        {
            var closed = _connections.Where(c => c.State == StreamConnectionState.Closed).ToList();
            foreach (var old in closed.Take(Math.Max(0, closed.Count - ClosedCapacity)))
            {
                _connections.Remove(old);
            }
        }
    }

    public PushHandle Push(string clientId, StreamPushRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var app = apps.FindByClientId(clientId) ?? throw new InvalidOperationException($"No app with client id '{clientId}'.");
        var now = options.TimeProvider.GetUtcNow();
        var headers = request.Kind == StreamPushKind.Event ? EventHeaders(app, now, request.ExtraHeaders) : Extras(request.ExtraHeaders);
        var definition = new StreamPushDefinition(
            app.ClientId, app.AppId, request.Kind, request.Topic, request.Data, ids.NewFrameMessageId(), now, headers, options.MaxFrameBytes);
        var push = new StreamPush(this, options, definition);
        _pushesById[push.MessageId] = push;
        _pushes.Enqueue(push);
        while (_pushes.Count > PushCapacity && _pushes.TryDequeue(out var old))
        {
            _pushesById.TryRemove(old.MessageId, out _);
            old.Dispose();
        }

        var delivered = push.Start();
        var sentTo = push.ConnectionIds;
        return new PushHandle
        {
            MessageId = push.MessageId, Delivered = delivered, ConnectionId = sentTo.Count > 0 ? sentTo[0] : null, Ack = push.Ack,
            EventId = definition.Header("eventId"),
        };
    }

    public bool IsEligible(StreamConnection connection, StreamPushDefinition push) =>
        connection.State == StreamConnectionState.Active && connection.App.ClientId == push.ClientId &&
        connection.IsSubscribed(push.Type, push.Topic);

    /// <summary>
    /// Picks the connection for one attempt of <paramref name="push"/>: among the app's eligible connections, those that
    /// did not have it yet (<paramref name="tried"/>) when there are any, then by <see cref="EmulatorOptions.StreamSpread"/>.
    /// </summary>
    public StreamConnection? Pick(StreamPushDefinition push, IReadOnlyCollection<string> tried)
    {
        var eligible = Connections.Where(c => IsEligible(c, push)).OrderBy(c => c.Sequence).ToList();
        if (eligible.Count == 0)
        {
            return null;
        }

        if (options.StreamSpread == StreamSpread.RoundRobin)
        {
            var start = (int)(NextTurn(push.ClientId) % eligible.Count);
            var ring = Enumerable.Range(0, eligible.Count).Select(i => eligible[(start + i) % eligible.Count]).ToList();
            return ring.FirstOrDefault(c => !tried.Contains(c.Id)) ?? ring[0];
        }

        var fresh = eligible.Where(c => !tried.Contains(c.Id)).ToList();
        var candidates = fresh.Count > 0 ? fresh : eligible;
        return candidates[candidates.Count == 1 ? 0 : ids.Next(candidates.Count)];
    }

    /// <summary>Routes a parsed upstream frame: pong, disconnect ACK (ignored) or push ACK.</summary>
    public void OnClientFrame(StreamConnection connection, ClientFrame frame)
    {
        if (connection.KeepAlive?.TryAcceptPong(frame) == true || frame.MessageId == connection.DisconnectMessageId || faults.IgnoreAcks)
        {
            return;
        }

        if (_pushesById.TryGetValue(frame.MessageId, out var push) && push.Definition.ClientId == connection.App.ClientId)
        {
            push.OnAck(frame);
        }
    }

    public void AddFailedEvent(FailedEvent failed)
    {
        _failedEvents.Enqueue(failed);
        while (_failedEvents.Count > PushCapacity && _failedEvents.TryDequeue(out _))
        {
        }
    }

    /// <summary>Connections matching the filter (both null: all).</summary>
    public IReadOnlyList<StreamConnection> Find(string? clientId, string? connectionId) =>
        Connections.Where(c => (clientId is null || c.App.ClientId == clientId) && (connectionId is null || c.Id == connectionId)).ToList();

    /// <summary>Aborts every socket and stops every push timer (host shutdown).</summary>
    public void Dispose()
    {
        foreach (var connection in Connections.Where(c => c.State != StreamConnectionState.Closed))
        {
            connection.Abort();
        }

        foreach (var push in _pushes)
        {
            push.Dispose();
        }
    }

    private long NextTurn(string clientId)
    {
        lock (_gate)
        {
            var turn = _turns.GetValueOrDefault(clientId);
            _turns[clientId] = turn + 1;
            return turn;
        }
    }

    private List<KeyValuePair<string, string>> EventHeaders(EmulatedApp app, DateTimeOffset now, IReadOnlyDictionary<string, string>? extra)
    {
        string Get(string name, Func<string> fallback) => extra is not null && extra.TryGetValue(name, out var v) ? v : fallback();
        string[] names = ["eventType", "eventId", "eventBornTime", "eventCorpId", "eventUnifiedAppId"];
        var headers = new List<KeyValuePair<string, string>>
        {
            new(names[0], Get(names[0], () => "unknown")),
            new(names[1], Get(names[1], () => ids.NewHex(32))),
            new(names[2], Get(names[2], () => now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))),
            new(names[3], Get(names[3], () => app.CorpId)),
            new(names[4], Get(names[4], () => app.AppId)),
        };
        headers.AddRange(Extras(extra).Where(h => !names.Contains(h.Key)));
        return headers;
    }

    private static List<KeyValuePair<string, string>> Extras(IReadOnlyDictionary<string, string>? extra) =>
        extra?.Where(h => h.Key is not ("appId" or "connectionId" or "topic" or "messageId" or "contentType" or "time")).ToList() ?? [];
}
