using DingGate.Bench.Scenarios;
using DingGate.Bench.Traffic;

namespace DingGate.Bench.Measure;

/// <summary>What the emulator saw of one message: its CALLBACK push, the ACK, and every DingTalk call of its reply.</summary>
internal sealed class MessageWire(SentMessage message)
{
    public SentMessage Message { get; } = message;

    public DateTimeOffset? PushedAt { get; set; }

    public DateTimeOffset? AckedAt { get; set; }

    public List<WireCall> Calls { get; } = [];

    public DateTimeOffset? FirstVisibleAt => Calls.Where(c => c.IsVisibleReply).Select(c => (DateTimeOffset?)c.At).Min();
}
