using System.Diagnostics.Metrics;

namespace DingGate.Cli.Admin;

/// <summary>
/// Counts the DingTalk API calls of each account (the <c>dingtalk.api.calls</c> instrument of this host's meters):
/// since the gateway started, and per month (Asia/Shanghai) calls not yet written to the usage store (<see cref="ApiUsageRecorder"/>
/// moves them there). Every call counts here, free ones too (session webhook, Stream registration); what DingTalk bills
/// against the monthly quota is counted by the channel's <c>QuotaGovernor</c>.
/// </summary>
internal sealed class ApiCallTally : IDisposable
{
    public const string InstrumentName = "dingtalk.api.calls";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Account, int Month), long> _pending = [];
    private readonly MeterListener _listener = new();
    private readonly TimeProvider _time;

    /// <param name="meters">The gateway's meter factory: only its meters are counted (other hosts in the process are not).</param>
    /// <param name="time">Clock deciding the current month.</param>
    public ApiCallTally(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == InstrumentName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(value, tags));
        _listener.Start();
    }

    /// <summary>The current month as yyyyMM (Asia/Shanghai, as DingTalk counts its quota).</summary>
    public int CurrentMonth => MonthOf(_time.GetUtcNow());

    public long TotalFor(string accountId)
    {
        lock (_gate)
        {
            return _totals.GetValueOrDefault(accountId);
        }
    }

    public long PendingFor(string accountId, int month)
    {
        lock (_gate)
        {
            return _pending.GetValueOrDefault((accountId, month));
        }
    }

    /// <summary>Removes and returns the counts not yet stored.</summary>
    public IReadOnlyList<(string Account, int Month, long Calls)> TakePending()
    {
        lock (_gate)
        {
            var taken = _pending.Select(p => (p.Key.Account, p.Key.Month, p.Value)).ToList();
            _pending.Clear();
            return taken;
        }
    }

    /// <summary>Puts back counts that could not be stored.</summary>
    public void Restore(string accountId, int month, long calls)
    {
        lock (_gate)
        {
            _pending[(accountId, month)] = _pending.GetValueOrDefault((accountId, month)) + calls;
        }
    }

    public void Dispose() => _listener.Dispose();

    public static int MonthOf(DateTimeOffset at) => DingTalk.Quota.QuotaMonth.Of(at);

    private void Add(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? account = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "account")
            {
                account = tag.Value as string;
            }
        }

        if (account is null)
        {
            return;
        }

        var month = CurrentMonth;
        lock (_gate)
        {
            _totals[account] = _totals.GetValueOrDefault(account) + value;
            _pending[(account, month)] = _pending.GetValueOrDefault((account, month)) + value;
        }
    }
}
