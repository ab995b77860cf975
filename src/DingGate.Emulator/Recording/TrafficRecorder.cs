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
    private long _sequence;

    public IReadOnlyList<RecordedHttpCall> HttpCalls => _http.ToArray();

    public IReadOnlyList<RecordedFrame> Frames => _frames.ToArray();

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Record(RecordedHttpCall call)
    {
        _http.Enqueue(call);
        while (_http.Count > Capacity && _http.TryDequeue(out _))
        {
        }
    }

    public RecordedFrame RecordFrame(string connectionId, string clientId, FrameDirection direction, string text)
    {
        var frame = new RecordedFrame(NextSequence(), options.TimeProvider.GetUtcNow(), connectionId, clientId, direction, text);
        _frames.Enqueue(frame);
        while (_frames.Count > Capacity && _frames.TryDequeue(out _))
        {
        }

        return frame;
    }

    public void Clear()
    {
        _http.Clear();
        _frames.Clear();
    }
}
