namespace DingGate.Emulator.Faults;

/// <summary>
/// Run-time fault switches (control API: <c>/_emulator/faults</c>). Route faults are consumed in insertion order;
/// the first matching one fires. Stream-level switches are read by the stream hub.
/// </summary>
internal sealed class FaultSwitches
{
    private readonly List<RouteFault> _routeFaults = [];
    private readonly Lock _gate = new();
    private int _nextId;

    /// <summary>When true, ACK frames from clients are recorded but otherwise ignored (forces redelivery).</summary>
    public bool IgnoreAcks { get; set; }

    /// <summary>When true, SYSTEM ping frames are not sent (simulates a silent server).</summary>
    public bool SuppressPings { get; set; }

    public IReadOnlyList<RouteFault> RouteFaults
    {
        get
        {
            lock (_gate)
            {
                return _routeFaults.ToList();
            }
        }
    }

    public RouteFault Add(
        string pathPrefix, FaultKind kind, int status = 503, TimeSpan delay = default, int? count = null, string? method = null, int? errCode = null)
    {
        lock (_gate)
        {
            var fault = new RouteFault
            {
                Id = "f" + ++_nextId, PathPrefix = pathPrefix, Kind = kind, Status = status, Delay = delay, Remaining = count, Method = method,
                ErrCode = errCode,
            };
            _routeFaults.Add(fault);
            return fault;
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _routeFaults.RemoveAll(f => f.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _routeFaults.Clear();
            IgnoreAcks = false;
            SuppressPings = false;
        }
    }

    /// <summary>Takes the first fault matching the call, decrementing counted faults. Null when none applies.</summary>
    public RouteFault? Take(string method, string path)
    {
        lock (_gate)
        {
            var fault = _routeFaults.FirstOrDefault(f => f.Matches(method, path));
            if (fault?.Remaining is { } left)
            {
                fault.Remaining = left - 1;
                if (left - 1 <= 0)
                {
                    _routeFaults.Remove(fault);
                }
            }

            return fault;
        }
    }
}
