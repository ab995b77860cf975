using DingGate.Chaos.Rig;
using DingGate.Chaos.Run;
using DingGate.Chaos.Verdict;

namespace DingGate.Chaos.Replicas;

/// <summary>
/// Judges a replicas run: the chaos invariants (<see cref="InvariantChecker"/>: 0 lost, 0 duplicated, one card per
/// message, every card finalized …) and the cluster ones: each user's answers in the order asked, no 403 from DingTalk
/// (the shared QPS buckets), the model saw each user's earlier turns whichever replica answered, and (killed for good)
/// every message the dead replica held answered exactly once within the deadline.
/// </summary>
internal static class ReplicaInvariantChecker
{
    private const int Examples = 5;

    public static ReplicaVerdict Check(ReplicaEvidence evidence)
    {
        var chaos = InvariantChecker.Check(evidence.Record);
        var answers = AnswerCounts(evidence.Record);
        var forbidden = evidence.CallsByStatus.GetValueOrDefault("403");
        List<InvariantResult> cluster =
        [
            Order(evidence.Record),
            Result("0 QPS 403s from DingTalk (the replicas share the per-app buckets)", forbidden == 0,
                $"{forbidden} calls answered 403; statuses {string.Join(", ", evidence.CallsByStatus.Select(kv => $"{kv.Key}×{kv.Value}"))}", []),
            History(evidence.Record, evidence.Record.Messages, evidence.ModelRequests),
        ];
        if (evidence.Held is { } held)
        {
            cluster.Add(Takeover(held, answers));
        }

        return new ReplicaVerdict(chaos, cluster, forbidden, evidence.Held?.Tokens.Count ?? 0);
    }

    // Per user (one DM session on one app): the order in which complete answers appeared in the conversation must be
    // the order the user asked. With the conversation's timeline (the emulator's order of bot messages and cards, as the
    // user scrolls it) a card stands where it was sent, with its final text; without it (hand-built records) bot
    // messages in conversation order, then finished cards in creation order.
    private static InvariantResult Order(ChaosRecord record)
    {
        var wrong = new List<string>();
        var excused = new List<string>();
        var cards = record.Cards.GroupBy(c => c.OutTrackId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var user in record.Messages.GroupBy(m => (m.ClientId, m.ConversationId)))
        {
            var asked = user.Select(m => m.Token).ToList();
            var shown = new List<string>();
            var where = new List<string>();
            foreach (var (text, what) in Answers(record, cards, user.Key.ConversationId))
            {
                foreach (var token in CompleteTokens(text).Where(t => asked.Contains(t) && !shown.Contains(t)))
                {
                    shown.Add(token);
                    where.Add($"{token}@{what}");
                }
            }

            var expected = asked.Where(shown.Contains).ToList();
            if (!expected.SequenceEqual(shown))
            {
                var line = $"{user.First().UserId}: asked {string.Join(' ', asked)}, answered {string.Join(' ', shown)} [{string.Join(' ', where)}]";
                if (RedeliveredBehind(record, user.ToList(), shown) is { } late)
                {
                    excused.Add($"{line}; {late} was redelivered by DingTalk");
                }
                else
                {
                    wrong.Add(line);
                }
            }
        }

        return Result("each user's answers in the order asked", wrong.Count == 0,
            $"{wrong.Count} users answered out of order" + Excused(excused), wrong.Concat(excused.Select(e => "excused: " + e)));
    }

    // The complete answers shown in one conversation, in the order the user sees them, each with where it was shown.
    private static IEnumerable<(string Text, string What)> Answers(ChaosRecord record, Dictionary<string, CardView> cards, string conversationId)
    {
        if (record.Shown is { } shown)
        {
            foreach (var entry in shown.Where(e => e.ConversationId == conversationId && !e.Recalled).OrderBy(e => e.Sequence))
            {
                if (entry.OutTrackId is { } outTrackId)
                {
                    if (cards.TryGetValue(outTrackId, out var card) && card.State == "FINISHED")
                    {
                        yield return (card.FinalText, $"card#{entry.Sequence}@{entry.At:HH:mm:ss.fff}");
                    }
                }
                else
                {
                    yield return (entry.Text, $"{entry.Kind}#{entry.Sequence}@{entry.At:HH:mm:ss.fff}");
                }
            }

            yield break;
        }

        foreach (var text in record.BotMessages.Where(b => !b.Recalled && b.ConversationId == conversationId).Select(b => b.Text))
        {
            yield return (text, "message");
        }

        foreach (var card in record.Cards.Where(c => c.State == "FINISHED" && c.ConversationId == conversationId))
        {
            yield return (card.FinalText, "card");
        }
    }

    // Every model request for a user's message n carries that user's messages 1..n-1, in order, as earlier user turns.
    private static InvariantResult History(ChaosRecord record, IReadOnlyList<InjectedMessage> messages, IReadOnlyList<ModelRequest> requests)
    {
        var excused = new List<string>();
        var byToken = messages.ToDictionary(m => m.Token, StringComparer.Ordinal);
        var asked = messages.GroupBy(m => (m.ClientId, m.ConversationId)).ToDictionary(g => g.Key, g => g.Select(m => m.Token).ToList());
        var wrong = new List<string>();
        var judged = 0;
        foreach (var request in requests.Where(r => byToken.ContainsKey(r.Token)))
        {
            judged++;
            var message = byToken[request.Token];
            var mine = asked[(message.ClientId, message.ConversationId)];
            var earlier = mine.Take(mine.IndexOf(request.Token)).ToList();
            var seen = request.History.Where(t => t != request.Token).ToList();
            if (!seen.SequenceEqual(earlier))
            {
                var line = $"{request.Token} ({message.UserId}): expected [{string.Join(' ', earlier)}], the model saw [{string.Join(' ', seen)}]";
                // Only a missing tail of earlier turns whose first missing message DingTalk redelivered is excused (it
                // reached the gateway after this one); a doubled, reordered or otherwise missing turn is not.
                var missing = earlier.Except(seen, StringComparer.Ordinal).ToList();
                if (seen.SequenceEqual(earlier.Where(t => !missing.Contains(t))) && missing.Count > 0 && Redelivered(record, byToken[missing[0]]))
                {
                    excused.Add($"{line}; {missing[0]} was redelivered by DingTalk");
                }
                else if (Redelivered(record, message) && seen.Distinct(StringComparer.Ordinal).Count() == seen.Count
                    && seen.Where(earlier.Contains).SequenceEqual(earlier)
                    && seen.Where(t => !earlier.Contains(t)).All(t => mine.IndexOf(t) > mine.IndexOf(request.Token)))
                {
                    // This message itself came late: the user's later messages answered before it are in its history.
                    excused.Add($"{line}; {request.Token} was redelivered by DingTalk");
                }
                else
                {
                    wrong.Add(line);
                }
            }
        }

        var unasked = messages.Select(m => m.Token).Except(requests.Select(r => r.Token), StringComparer.Ordinal).Count();
        return Result("the model saw each user's earlier turns, in order, whichever replica answered", wrong.Count == 0 && judged > 0,
            $"{wrong.Count} of {judged} model requests with a wrong history; {unasked} messages never reached the model" + Excused(excused),
            wrong.Concat(excused.Select(e => "excused: " + e)));
    }

    private static InvariantResult Takeover(HeldMessages held, Dictionary<string, int> answers)
    {
        var late = held.Tokens.Where(t => !held.AnsweredAfter.TryGetValue(t, out var after) || after > held.Deadline).ToList();
        var notOnce = held.Tokens.Where(t => answers.GetValueOrDefault(t) != 1).ToList();
        var slowest = held.AnsweredAfter.Count == 0 ? "none answered" : $"slowest {held.AnsweredAfter.Values.Max().TotalSeconds:F0} s";
        return Result($"a replica killed for good: each message it held answered exactly once within {held.Deadline.TotalSeconds:F0} s",
            held.Tokens.Count > 0 && late.Count == 0 && notOnce.Count == 0,
            held.Tokens.Count == 0
                ? "the dead replica held no ACKed, unanswered message at the kill: nothing was tested"
                : $"{held.Tokens.Count} held; {late.Count} not answered in time; {notOnce.Count} not answered exactly once; {slowest}",
            late.Select(t => $"{t} late").Concat(notOnce.Select(t => $"{t} ×{answers.GetValueOrDefault(t)}")));
    }

    // token → complete answers shown (bot messages not recalled, FINISHED cards).
    public static Dictionary<string, int> AnswerCounts(ChaosRecord record)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in record.BotMessages.Where(b => !b.Recalled).Select(b => b.Text).Concat(record.Cards.Where(c => c.State == "FINISHED").Select(c => c.FinalText)))
        {
            foreach (var token in CompleteTokens(text))
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
            }
        }

        return counts;
    }

    // DingTalk pushed the message more than once: the connection it first went to did not ACK it (the replica died with
    // it unread), and it was redelivered to another one a redelivery window later, possibly after the user's next
    // message was answered. No gateway can answer a message it has not received, so a user's order (and history) broken
    // only by such a message is excused, and counted.
    private static bool Redelivered(ChaosRecord record, InjectedMessage message) =>
        message.PushId is not null && record.Pushes.TryGetValue(message.PushId, out var push) && push.Attempts > 1;

    // The first message answered later than a message asked after it, when that message was redelivered; else null.
    private static string? RedeliveredBehind(ChaosRecord record, IReadOnlyList<InjectedMessage> asked, IReadOnlyList<string> shown)
    {
        var position = shown.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var late = asked.Where((m, i) => position.ContainsKey(m.Token) && asked.Skip(i + 1).Any(n => position.TryGetValue(n.Token, out var p) && p < position[m.Token])).ToList();
        return late.Count > 0 && late.All(m => Redelivered(record, m)) ? string.Join(' ', late.Select(m => m.Token)) : null;
    }

    private static string Excused(IReadOnlyCollection<string> excused) =>
        excused.Count == 0 ? string.Empty : $"; {excused.Count} excused (a message DingTalk redelivered after the replica that had it died reached the gateway after the user's next one)";

    private static IEnumerable<string> CompleteTokens(string text) =>
        ChaosAnswer.TokenPattern().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal)
            .Where(t => text.Contains(ChaosAnswer.EndMarker(t), StringComparison.Ordinal));

    private static InvariantResult Result(string name, bool holds, string detail, IEnumerable<string> examples)
    {
        var list = examples.Take(Examples).ToList();
        return new InvariantResult(name, holds ? InvariantStatus.Holds : InvariantStatus.Fails,
            list.Count == 0 ? detail : detail + "; e.g. " + string.Join("; ", list));
    }
}
