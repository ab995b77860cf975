using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using DingGate.Core.Replies;

namespace DingGate.DingTalk.Replies;

/// <summary>Instruments of the reply side: replies by outcome, DingTalk calls per reply by kind, card fallbacks.</summary>
internal sealed class ReplyMetrics
{
    private readonly Counter<long> _replies;
    private readonly Counter<long> _calls;
    private readonly Histogram<int> _callsPerReply;
    private readonly Counter<long> _cardFallbacks;
    private readonly Histogram<double> _duration;
    private readonly TimeProvider _time;
    private readonly Counter<long> _outboxAttempts;
    private readonly Counter<long> _thinkingSkipped;
    private readonly ConcurrentDictionary<string, int> _undelivered = new(StringComparer.Ordinal);

    public ReplyMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        var meter = meterFactory.Create(Api.DingTalkApiMetrics.MeterName);
        _replies = meter.CreateCounter<long>("dinggate.dingtalk.replies", "{reply}", "Replies delivered or failed, by mode and end.");
        _calls = meter.CreateCounter<long>("dinggate.dingtalk.reply.api_calls", "{call}", "DingTalk calls made for replies, by kind.");
        _callsPerReply = meter.CreateHistogram<int>("dinggate.dingtalk.reply.api_calls_per_reply", "{call}", "DingTalk calls per reply.");
        _cardFallbacks = meter.CreateCounter<long>("dinggate.dingtalk.card.fallbacks", "{reply}", "Card replies delivered as markdown instead.");
        _duration = meter.CreateHistogram<double>("dinggate.dingtalk.reply.duration", "ms", "Message handed to the agent → reply complete.");
        _outboxAttempts = meter.CreateCounter<long>(
            "dinggate.dingtalk.reply.outbox.attempts", "{attempt}", "Delivery attempts of answers that went through the outbox, by outcome (retry, ambiguous, failed, delivered).");
        _thinkingSkipped = meter.CreateCounter<long>(
            "dinggate.dingtalk.thinking.skipped", "{reply}", "Thinking reactions not shown although the answer was slow, by reason (quota, backlog).");
        meter.CreateObservableGauge(
            "dinggate.dingtalk.reply.outbox.undelivered", ObserveUndelivered, "{reply}", "Answers in the reply outbox not delivered yet (pending, ambiguous or failed).");
    }

    /// <summary>A timestamp to pass back to <see cref="Record"/> when the reply completes.</summary>
    public long Start() => _time.GetTimestamp();

    public void Record(string account, ReplyOutcome outcome, long started)
    {
        var mode = outcome.Mode == ReplyMode.Card ? "card" : "markdown";
        _replies.Add(1, new TagList { { "account", account }, { "mode", mode }, { "end", outcome.End.ToString() }, { "delivered", outcome.Delivered } });
        foreach (var (kind, count) in outcome.ApiCalls)
        {
            _calls.Add(count, new TagList { { "account", account }, { "mode", mode }, { "kind", kind } });
        }

        _callsPerReply.Record(outcome.TotalApiCalls, new TagList { { "account", account }, { "mode", mode } });
        _duration.Record(_time.GetElapsedTime(started).TotalMilliseconds, new TagList { { "account", account }, { "mode", mode }, { "end", outcome.End.ToString() } });
        if (outcome.FellBack)
        {
            _cardFallbacks.Add(1, new KeyValuePair<string, object?>("account", account));
        }
    }

    /// <summary>An outbox attempt did not deliver (<paramref name="outcome"/>: retry, ambiguous or failed).</summary>
    public void OutboxAttemptFailed(string account, string outcome) =>
        _outboxAttempts.Add(1, new TagList { { "account", account }, { "outcome", outcome } });

    /// <summary>The worker delivered an answer from the outbox.</summary>
    public void OutboxDelivered(string account) =>
        _outboxAttempts.Add(1, new TagList { { "account", account }, { "outcome", "delivered" } });

    /// <summary>A thinking reaction was due but skipped (<paramref name="reason"/>: quota or backlog).</summary>
    public void ThinkingSkipped(string account, string reason) =>
        _thinkingSkipped.Add(1, new TagList { { "account", account }, { "reason", reason } });

    /// <summary>The account's undelivered outbox entries, as the delivery worker last counted them.</summary>
    public void SetUndelivered(string account, int count) => _undelivered[account] = count;

    private IEnumerable<Measurement<int>> ObserveUndelivered() =>
        _undelivered.Select(p => new Measurement<int>(p.Value, new KeyValuePair<string, object?>("account", p.Key)));
}
