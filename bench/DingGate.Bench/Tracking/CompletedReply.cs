using DingGate.Core.Replies;

namespace DingGate.Bench.Tracking;

/// <summary>
/// A reply the gateway finished (its last DingTalk call answered): seen in-process (<paramref name="Outcome"/> is the
/// sink's, null when the handler failed or the sink was disposed without completing), or seen on the wire for a gateway
/// in its own process (<paramref name="OnWire"/>: the emulator recorded the reply's last call; no outcome).
/// <paramref name="Timestamp"/> is a Stopwatch timestamp.
/// </summary>
internal sealed record CompletedReply(string MessageId, long Timestamp, ReplyOutcome? Outcome, bool OnWire = false)
{
    public bool Succeeded => Outcome is not null || OnWire;
}
