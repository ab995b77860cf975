using System.Collections.Concurrent;

namespace DingGate.Emulator.Recording;

/// <summary>
/// Every HTTP call and every WebSocket frame, in order. Tests assert on this; the control API exposes it.
/// Bounded so a long-running sandbox does not grow without limit.
/// </summary>
internal sealed class TrafficRecorder(EmulatorOptions options)
{
    private const int Capacity = 20_000;
    private readonly ConcurrentQueue<RecordedHttpCall> _http = new();
    private readonly ConcurrentQueue<RecordedFrame> _frames = new();
    private readonly ConcurrentDictionary<int, long> _statusCounts = new();
    private readonly Lock _order = new();
    private long _sequence;

    public IReadOnlyList<RecordedHttpCall> HttpCalls => _http.ToArray();

    public IReadOnlyList<RecordedFrame> Frames => _frames.ToArray();

    /// <summary>Every HTTP call recorded since the start (or the last <see cref="Clear"/>) by status, not bounded by the record's capacity.</summary>
    public IReadOnlyDictionary<int, long> StatusCounts => new SortedDictionary<int, long>(_statusCounts);

    public long NextSequence()
    {
        lock (_order)
        {
            return ++_sequence;
        }
    }

    /// <summary>
    /// Records <paramref name="call"/> under the next sequence number, taken and enqueued in one step: a reader that
    /// asks for what came after sequence N (<c>?since=</c>) never misses a record that got a lower number but was
    /// enqueued after a higher one (two calls finishing at once).
    /// </summary>
    public void Record(RecordedHttpCall call)
    {
        lock (_order)
        {
            _http.Enqueue(call with { Sequence = ++_sequence });
        }

        _statusCounts.AddOrUpdate(call.Status, 1, (_, n) => n + 1);

        while (_http.Count > Capacity && _http.TryDequeue(out _))
        {
        }
    }

    public RecordedFrame RecordFrame(string connectionId, string clientId, FrameDirection direction, string text)
    {
        RecordedFrame frame;
        lock (_order)
        {
            frame = new RecordedFrame(++_sequence, options.TimeProvider.GetUtcNow(), connectionId, clientId, direction, text);
            _frames.Enqueue(frame);
        }

        while (_frames.Count > Capacity && _frames.TryDequeue(out _))
        {
        }

        return frame;
    }

    public void Clear()
    {
        _http.Clear();
        _frames.Clear();
        _statusCounts.Clear();
    }
}
