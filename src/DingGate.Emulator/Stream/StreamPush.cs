namespace DingGate.Emulator.Stream;

/// <summary>
/// One push and its delivery state machine (spec §1.10, §8.4). Attempt slots: bot messages 1 + redelivery attempts,
/// each waiting the redelivery window; events 1 + schedule entries, waiting the schedule's delays; card callbacks one
/// slot of the card window. A slot with no eligible connection waits for one to connect. Every redelivery reuses the
/// same messageId, time and data. All transitions happen under one lock; timer callbacks only queue frames.
/// </summary>
internal sealed class StreamPush : IDisposable
{
    private readonly StreamHub _hub;
    private readonly EmulatorOptions _options;
    private readonly TimeSpan[] _waits;
    private ITimer? _timer;
    private readonly TaskCompletionSource<PushAck?> _ack = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<PushAck> _acks = [];
    private readonly List<string> _connectionIds = [];
    private readonly Lock _gate = new();
    private int _slot;
    private int _generation;
    private DateTimeOffset _lastSentAt;

    public StreamPush(StreamHub hub, EmulatorOptions options, StreamPushDefinition definition)
    {
        _hub = hub;
        _options = options;
        Definition = definition;
        _waits = Waits(options, definition.Kind);
    }

    public StreamPushDefinition Definition { get; }

    public string MessageId => Definition.MessageId;

    public Task<PushAck?> Ack => _ack.Task;

    public StreamPushState State { get; private set; }

    public bool AwaitingConnection { get; private set; }

    public int Attempts { get; private set; }

    public IReadOnlyList<PushAck> Acks
    {
        get
        {
            lock (_gate)
            {
                return _acks.ToList();
            }
        }
    }

    public IReadOnlyList<string> ConnectionIds
    {
        get
        {
            lock (_gate)
            {
                return _connectionIds.ToList();
            }
        }
    }

    /// <summary>Runs the first slot; returns whether a connection took the frame.</summary>
    public bool Start()
    {
        lock (_gate)
        {
            RunSlot();
            return Attempts > 0;
        }
    }

    /// <summary>A connection became available: takes it when this push is waiting for one.</summary>
    public void OnConnected(StreamConnection connection)
    {
        lock (_gate)
        {
            if (State == StreamPushState.Pending && AwaitingConnection && _hub.IsEligible(connection, Definition) && Send(connection))
            {
                Schedule(_waits[_slot]);
            }
        }
    }

    public void OnAck(ClientFrame frame)
    {
        lock (_gate)
        {
            var now = _options.TimeProvider.GetUtcNow();
            var ack = new PushAck(frame.Code, frame.Message, frame.Data, now, now - _lastSentAt);
            _acks.Add(ack);
            if (State != StreamPushState.Pending)
            {
                return;
            }

            if (IsAccepted(frame))
            {
                State = StreamPushState.Acked;
                _timer?.Dispose();
                _ack.TrySetResult(ack);
            }
            else if (Definition.Kind == StreamPushKind.Event && _slot + 1 >= _waits.Length)
            {
                Finish();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
        }

        _ack.TrySetResult(null);
    }

    private bool IsAccepted(ClientFrame frame) => Definition.Kind switch
    {
        StreamPushKind.BotMessage => frame.Code == 200 || !_options.RedeliverOnNon200Ack,
        StreamPushKind.Event => frame.Code == 200 && frame.DataProperty("status") is null or "SUCCESS",
        _ => true,
    };

    private void OnTimer(int generation)
    {
        lock (_gate)
        {
            // A replaced timer whose callback was already running is stale.
            if (State != StreamPushState.Pending || generation != _generation)
            {
                return;
            }

            if (_slot + 1 < _waits.Length)
            {
                _slot++;
                RunSlot();
            }
            else
            {
                Finish();
            }
        }
    }

    private void RunSlot()
    {
        AwaitingConnection = true;
        if (_hub.Pick(Definition, _connectionIds) is { } connection)
        {
            Send(connection);
        }

        Schedule(_waits[_slot]);
    }

    // A fresh one-shot timer per slot: re-arming a timer from inside its own callback is not reliable on every clock
    // (FakeTimeProvider drops a one-shot timer after its callback, even if the callback re-armed it).
    private void Schedule(TimeSpan due)
    {
        _timer?.Dispose();
        var generation = ++_generation;
        _timer = _options.TimeProvider.CreateTimer(_ => OnTimer(generation), null, due, Timeout.InfiniteTimeSpan);
    }

    private bool Send(StreamConnection connection)
    {
        if (!connection.Enqueue(Definition.FrameFor(connection.Id)))
        {
            return false;
        }

        AwaitingConnection = false;
        Attempts++;
        _lastSentAt = _options.TimeProvider.GetUtcNow();
        _connectionIds.Add(connection.Id);
        return true;
    }

    private void Finish()
    {
        State = Attempts == 0 ? StreamPushState.Dropped : StreamPushState.Failed;
        AwaitingConnection = false;
        if (Definition.Kind == StreamPushKind.Event)
        {
            _hub.AddFailedEvent(new FailedEvent(
                MessageId, Definition.Header("eventId"), Definition.Header("eventType"), Definition.ClientId, Attempts,
                _acks.LastOrDefault(), _options.TimeProvider.GetUtcNow()));
        }

        _timer?.Dispose();
        _ack.TrySetResult(null);
    }

    private static TimeSpan[] Waits(EmulatorOptions options, StreamPushKind kind) => kind switch
    {
        StreamPushKind.BotMessage => Enumerable.Repeat(options.CallbackRedeliveryWindow, 1 + Math.Max(0, options.CallbackRedeliveryAttempts)).ToArray(),
        StreamPushKind.Event => options.EventRedeliverySchedule.Count == 0
            ? [options.CallbackRedeliveryWindow]
            : [.. options.EventRedeliverySchedule, options.EventRedeliverySchedule[^1]],
        _ => [options.CardCallbackAckWindow],
    };
}
