using DingGate.Core.Replies;

namespace DingGate.Bench.Tracking;

/// <summary>
/// A reply the gateway finished (its last DingTalk call answered), seen in-process. <paramref name="Outcome"/> is null
/// when the handler failed or the sink was disposed without completing.
/// </summary>
internal sealed record CompletedReply(string MessageId, long Timestamp, ReplyOutcome? Outcome);
