using DingGate.Bench.Rig;
using DingGate.Bench.Tracking;

namespace DingGate.Bench.Scenarios;

/// <summary>One message a virtual user sent, and when the gateway finished its reply (in-process signal).</summary>
internal sealed class SentMessage(BenchApp app, string userId, InjectedMessage injected, long injectedAt)
{
    public BenchApp App { get; } = app;

    public string UserId { get; } = userId;

    public InjectedMessage Injected { get; } = injected;

    /// <summary>Stopwatch timestamp when the injection call was made.</summary>
    public long InjectedAt { get; } = injectedAt;

    /// <summary>Null until the reply completed (or when it timed out).</summary>
    public CompletedReply? Completed { get; set; }
}
