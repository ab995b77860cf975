using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DingGate.Cli.Admin;

/// <summary>
/// Counts the DingTalk API calls of each account (the <c>dingtalk.api.calls</c> instrument) since the gateway
/// started, and those of the current UTC month — what <c>/status</c> shows as quota used (DingTalk's standard quota is
/// 5 000 calls a month per organisation; token fetches are not counted, as DingTalk does not count them).
/// </summary>
internal sealed class ApiCallTally : IDisposable
{
    public const string InstrumentName = "dingtalk.api.calls";
    private readonly ConcurrentDictionary<string, ApiCallCounts> _accounts = new(StringComparer.Ordinal);
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

    public (long Total, long ThisMonth) For(string accountId)
    {
        if (!_accounts.TryGetValue(accountId, out var counts))
        {
            return (0, 0);
        }

        lock (counts)
        {
            return (counts.Total, counts.Month == MonthOf(_time.GetUtcNow()) ? counts.ThisMonth : 0);
        }
    }

    public void Dispose() => _listener.Dispose();

    private static int MonthOf(DateTimeOffset at) => (at.UtcDateTime.Year * 100) + at.UtcDateTime.Month;

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

        var counts = _accounts.GetOrAdd(account, _ => new ApiCallCounts());
        var month = MonthOf(_time.GetUtcNow());
        lock (counts)
        {
            if (counts.Month != month)
            {
                counts.Month = month;
                counts.ThisMonth = 0;
            }

            counts.Total += value;
            counts.ThisMonth += value;
        }
    }
}
