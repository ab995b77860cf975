using System.Diagnostics;
using DingGate.Bench.Tracking;

namespace DingGate.Bench.Traffic;

/// <summary>
/// Learns from the emulator's record when each reply of a gateway in its own process is complete (no in-process hook
/// reaches across processes): a pushed CALLBACK names the msgId, its session webhook and its sender; a markdown reply is
/// complete when an accepted message carrying the fake model's end marker is recorded (by session webhook, or by app
/// and user for a robot OpenAPI send); a card reply when its last call is recorded: the FINISHED/FAILED flow-status
/// update when its create set a flow status (the built-in template), else the <c>isFinalize</c> streaming update (tied
/// to the message by the outTrackId of its create, whose open space names the user). The completion time is the
/// emulator's timestamp of that call, on the Stopwatch scale of the load generator. Calls that name a message not yet
/// seen (the frames are read before the calls) wait for the next batch.
/// </summary>
internal sealed class CompletionWatcher(ReplyTracker tracker)
{
    private static readonly TimeSpan PendingLimit = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, string> _bySession = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ClientId, string StaffId), string> _byUser = [];
    private readonly Dictionary<string, (string MsgId, bool FlowStatus)> _byTrack = new(StringComparer.Ordinal);
    private readonly List<WireCall> _pending = [];

    /// <summary>Replies seen complete so far.</summary>
    public long Completed { get; private set; }

    /// <summary>Called by the collector with each batch of new records, frames before calls, in the emulator's order.</summary>
    public void Observe(IReadOnlyList<WireFrame> frames, IReadOnlyList<WireCall> calls)
    {
        foreach (var push in frames.Where(f => f.Pushed).Select(f => f.Push).OfType<PushedMessage>())
        {
            if (push.Session is { } session)
            {
                _bySession[session] = push.MsgId;
            }

            if (push is { ClientId: { } clientId, StaffId: { } staffId })
            {
                _byUser[(clientId, staffId)] = push.MsgId;
            }
        }

        var nowTimestamp = Stopwatch.GetTimestamp();
        var nowUtc = TimeProvider.System.GetUtcNow();
        var retry = _pending.ToList();
        _pending.Clear();
        foreach (var call in retry.Concat(calls.Where(c => c.Accepted && (c.Final != FinalKind.None || (c.OutTrackId is not null && c.StaffId is not null)))))
        {
            if (!TryApply(call, nowTimestamp, nowUtc) && nowUtc - call.At < PendingLimit)
            {
                _pending.Add(call);
            }
        }
    }

    private bool TryApply(WireCall call, long nowTimestamp, DateTimeOffset nowUtc)
    {
        if (call.Final == FinalKind.None)
        {
            // A card create: remember which message its outTrackId belongs to.
            if (call is { ClientId: { } clientId, StaffId: { } staffId, OutTrackId: { } track } && _byUser.TryGetValue((clientId, staffId), out var owner))
            {
                _byTrack.TryAdd(track, (owner, call.FlowStatus is not null));
                return true;
            }

            return false;
        }

        if (call.Final is FinalKind.CardFinalize or FinalKind.CardFinished)
        {
            if (call.OutTrackId is not { } t || !_byTrack.TryGetValue(t, out var card))
            {
                return false;
            }

            if (card.FlowStatus != (call.Final == FinalKind.CardFinished))
            {
                return true; // Not this card's last call.
            }

            _byTrack.Remove(t);
            return Complete(card.MsgId, call, nowTimestamp, nowUtc);
        }

        var msgId = call.Session is { } s ? (_bySession.Remove(s, out var bySession) ? bySession : null)
            : call is { ClientId: { } c, StaffId: { } u } && _byUser.TryGetValue((c, u), out var byUser) ? byUser : null;
        return msgId is not null && Complete(msgId, call, nowTimestamp, nowUtc);
    }

    private bool Complete(string msgId, WireCall call, long nowTimestamp, DateTimeOffset nowUtc)
    {
        var at = nowTimestamp - (long)((nowUtc - call.At).TotalSeconds * Stopwatch.Frequency);
        tracker.CompleteOnWire(msgId, at);
        Completed++;
        return true;
    }
}
