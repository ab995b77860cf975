using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DingGate.DingTalk.Inbound;

/// <summary>Instruments of the receive side: bot messages received, dedup hits, policy decisions.</summary>
internal sealed class InboundMetrics
{
    private readonly Counter<long> _received;
    private readonly Counter<long> _dedupHits;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _givenUp;

    public InboundMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Api.DingTalkApiMetrics.MeterName);
        _received = meter.CreateCounter<long>("dinggate.dingtalk.messages.received", "{message}", "Bot messages received (after dedup), by conversation type.");
        _dedupHits = meter.CreateCounter<long>("dinggate.dingtalk.dedup.hits", "{message}", "Bot messages dropped as already seen (persistent dedup).");
        _givenUp = meter.CreateCounter<long>("dinggate.dingtalk.messages.given_up", "{message}", "Messages given up after maxMessageAttempts unfinished attempts (poison messages).");
        _decisions = meter.CreateCounter<long>("dinggate.dingtalk.policy.decisions", "{message}", "Access policy decisions, by decision.");
    }

    public void Received(string account, bool group) =>
        _received.Add(1, new TagList { { "account", account }, { "conversation", group ? "group" : "dm" } });

    public void DedupHit(string account) => _dedupHits.Add(1, new KeyValuePair<string, object?>("account", account));

    public void GivenUp(string account) => _givenUp.Add(1, new KeyValuePair<string, object?>("account", account));

    public void Decided(string account, string decision) =>
        _decisions.Add(1, new TagList { { "account", account }, { "decision", decision } });
}
