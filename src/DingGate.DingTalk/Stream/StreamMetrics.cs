using System.Diagnostics.Metrics;

namespace DingGate.DingTalk.Stream;

/// <summary>Stream instruments on the <c>DingGate.DingTalk</c> meter.</summary>
internal sealed class StreamMetrics
{
    public const string MeterName = "DingGate.DingTalk";

    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _frames;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _oversized;
    private readonly Histogram<double> _ackLatency;

    public StreamMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _reconnects = meter.CreateCounter<long>("dinggate.dingtalk.stream.reconnects", description: "Stream connections opened after the first one.");
        _frames = meter.CreateCounter<long>("dinggate.dingtalk.stream.frames", description: "Frames received, by type (invalid = unparseable).");
        _duplicates = meter.CreateCounter<long>("dinggate.dingtalk.stream.duplicates", description: "Redelivered pushes already journaled (ACKed, not delivered again).");
        _oversized = meter.CreateCounter<long>("dinggate.dingtalk.stream.oversized_frames", description: "Frames over the client's size limit: ACKed with the reason and journaled as failed, not processed.");
        _ackLatency = meter.CreateHistogram<double>("dinggate.dingtalk.stream.ack_latency", "ms", "Frame received → ACK sent.");
    }

    public void Reconnected(string accountId) => _reconnects.Add(1, new KeyValuePair<string, object?>("account", accountId));

    public void FrameReceived(string accountId, string type) =>
        _frames.Add(1, new KeyValuePair<string, object?>("account", accountId), new KeyValuePair<string, object?>("type", type));

    public void Oversized(string accountId) => _oversized.Add(1, new KeyValuePair<string, object?>("account", accountId));

    public void Duplicate(string accountId) => _duplicates.Add(1, new KeyValuePair<string, object?>("account", accountId));

    public void AckSent(string accountId, string type, TimeSpan latency) =>
        _ackLatency.Record(latency.TotalMilliseconds, new KeyValuePair<string, object?>("account", accountId), new KeyValuePair<string, object?>("type", type));
}
