using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DingGate.DingTalk.Api;

/// <summary>Instruments of the "DingGate.DingTalk" meter for API calls. One instance per process (DI singleton).</summary>
internal sealed class DingTalkApiMetrics
{
    public const string MeterName = "DingGate.DingTalk";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _tokenFetches;
    private readonly Counter<long> _limiterWaits;

    public DingTalkApiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>("dingtalk.api.calls", "{call}", "DingTalk HTTP calls by endpoint, status and account.");
        _duration = meter.CreateHistogram<double>("dingtalk.api.duration", "ms", "Latency of DingTalk HTTP calls.");
        _tokenFetches = meter.CreateCounter<long>("dingtalk.api.token_fetches", "{fetch}", "Access tokens fetched from DingTalk.");
        _limiterWaits = meter.CreateCounter<long>(
            "dingtalk.api.limiter_waits", "{wait}", "Calls that waited for a client-side limiter (limiter: api, webhook or ip; endpoint; account).");
    }

    public void RecordCall(string account, string endpoint, string status, TimeSpan elapsed)
    {
        var tags = new TagList { { "endpoint", endpoint }, { "status", status }, { "account", account } };
        _calls.Add(1, tags);
        _duration.Record(elapsed.TotalMilliseconds, tags);
    }

    /// <summary>A call waited for <paramref name="limiter"/> (api: its API bucket, webhook: its conversation's, ip: the per-IP guard).</summary>
    public void RecordLimiterWait(string account, string endpoint, string limiter) =>
        _limiterWaits.Add(1, new TagList { { "limiter", limiter }, { "endpoint", endpoint }, { "account", account } });

    public void RecordTokenFetch(string account) => _tokenFetches.Add(1, new KeyValuePair<string, object?>("account", account));
}
