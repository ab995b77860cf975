using DingGate.Bench.Scenarios;
using DingGate.Bench.Traffic;

namespace DingGate.Bench.Measure;

/// <summary>
/// Ties recorded traffic to the messages sent: frames by messageId; calls by session webhook, then by the card's
/// outTrackId, then by the msgId they name, then by (app, staff id) to that user's latest message pushed before the
/// call (a virtual user has one message in flight, so this is exact). Token calls and the rest stay unattributed.
/// </summary>
internal static class WireAttribution
{
    public static (IReadOnlyList<MessageWire> Messages, IReadOnlyList<WireCall> Unattributed) Build(
        IReadOnlyList<SentMessage> sent, IReadOnlyList<WireFrame> frames, IReadOnlyList<WireCall> calls)
    {
        var wires = sent.Select(m => new MessageWire(m)).ToList();
        var byFrameId = wires.Where(w => w.Message.Injected.FrameMessageId.Length > 0).ToDictionary(w => w.Message.Injected.FrameMessageId, StringComparer.Ordinal);
        foreach (var frame in frames.OrderBy(f => f.At))
        {
            if (byFrameId.TryGetValue(frame.MessageId, out var wire))
            {
                if (frame.Pushed)
                {
                    wire.PushedAt ??= frame.At;
                }
                else if (wire.PushedAt is not null)
                {
                    wire.AckedAt ??= frame.At;
                }
            }
        }

        var bySession = wires.ToDictionary(w => w.Message.Injected.Session, StringComparer.Ordinal);
        var byMsgId = wires.ToDictionary(w => w.Message.Injected.MsgId, StringComparer.Ordinal);
        var byUser = wires.Where(w => w.PushedAt is not null)
            .GroupBy(w => (w.Message.App.ClientId, w.Message.UserId))
            .ToDictionary(g => g.Key, g => g.OrderBy(w => w.PushedAt).ToList());
        var byTrack = new Dictionary<string, MessageWire>(StringComparer.Ordinal);
        var unattributed = new List<WireCall>();
        foreach (var call in calls.OrderBy(c => c.At))
        {
            var wire = Find(call, bySession, byTrack, byMsgId, byUser);
            if (wire is null)
            {
                unattributed.Add(call);
                continue;
            }

            wire.Calls.Add(call);
            if (call.OutTrackId is { } track)
            {
                byTrack.TryAdd(track, wire);
            }
        }

        return (wires, unattributed);
    }

    private static MessageWire? Find(
        WireCall call, Dictionary<string, MessageWire> bySession, Dictionary<string, MessageWire> byTrack, Dictionary<string, MessageWire> byMsgId,
        Dictionary<(string, string), List<MessageWire>> byUser)
    {
        if (call.Session is { } session && bySession.TryGetValue(session, out var bySessionWire))
        {
            return bySessionWire;
        }

        if (call.OutTrackId is { } track && byTrack.TryGetValue(track, out var byTrackWire))
        {
            return byTrackWire;
        }

        if (call.MsgId is { } msgId && byMsgId.TryGetValue(msgId, out var byMsgIdWire))
        {
            return byMsgIdWire;
        }

        if (call.ClientId is { } clientId && call.StaffId is { } staffId && byUser.TryGetValue((clientId, staffId), out var list))
        {
            return list.LastOrDefault(w => w.PushedAt <= call.At);
        }

        return null;
    }
}
