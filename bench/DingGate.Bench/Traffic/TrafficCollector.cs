using DingGate.Bench.Rig;

namespace DingGate.Bench.Traffic;

/// <summary>
/// Copies the emulator's recorded traffic out as it happens (the emulator keeps the last 20 000 records of each kind,
/// fewer than a long run makes), polling <c>?since=</c> every <paramref name="interval"/> (twice a second in-process;
/// every 25 ms when the <see cref="CompletionWatcher"/> learns reply completions from it). Start it before a phase,
/// stop it after.
/// </summary>
internal sealed class TrafficCollector(EmulatorControl control, TimeSpan interval, CompletionWatcher? watcher = null)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);
    private readonly List<WireFrame> _frames = [];
    private readonly List<WireCall> _calls = [];
    private long _frameSequence;
    private long _callSequence;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public IReadOnlyList<WireFrame> Frames => _frames;

    public IReadOnlyList<WireCall> Calls => _calls;

    public void Start()
    {
        _stop = new CancellationTokenSource();
        _loop = LoopAsync(_stop.Token);
    }

    /// <summary>Stops polling and reads what is left.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop is not null && _loop is not null)
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
            (_stop, _loop) = (null, null);
        }

        await PollAsync(cancellationToken);
    }

    /// <summary>Skips what was recorded so far (traffic of earlier phases).</summary>
    public async Task SkipExistingAsync(CancellationToken cancellationToken)
    {
        await PollAsync(cancellationToken);
        _frames.Clear();
        _calls.Clear();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, TimeProvider.System, cancellationToken);
                await PollAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var (frameCount, callCount) = (_frames.Count, _calls.Count);
        var frames = await control.GetAsync($"_emulator/traffic/frames?since={_frameSequence}", cancellationToken);
        foreach (var record in frames.EnumerateArray())
        {
            _frameSequence = Math.Max(_frameSequence, record.GetProperty("sequence").GetInt64());
            if (TrafficParser.Frame(record) is { } frame)
            {
                _frames.Add(frame);
            }
        }

        var calls = await control.GetAsync($"_emulator/traffic/http?since={_callSequence}", cancellationToken);
        foreach (var record in calls.EnumerateArray())
        {
            _callSequence = Math.Max(_callSequence, record.GetProperty("sequence").GetInt64());
            var call = TrafficParser.Call(record);
            if (!call.Endpoint.EndsWith("/connect", StringComparison.Ordinal))
            {
                _calls.Add(call);
            }
        }

        watcher?.Observe(_frames[frameCount..], _calls[callCount..]);
    }
}
