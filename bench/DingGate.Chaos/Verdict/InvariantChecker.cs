using DingGate.Chaos.Rig;
using DingGate.Chaos.Run;

namespace DingGate.Chaos.Verdict;

/// <summary>
/// Judges a run from the emulator's record. A complete answer is a bot message or a FINISHED card that carries the
/// message's end marker (<see cref="ChaosAnswer.EndMarker"/>); every injected message must have exactly one, in its own
/// conversation. Cards are attributed to messages by the token their content names.
/// </summary>
internal static class InvariantChecker
{
    private const int Examples = 5;

    public static ChaosVerdict Check(ChaosRecord record)
    {
        var answers = CompleteAnswers(record);
        var reached = record.Messages.Where(m => ReachedGateway(record, m) || Count(answers, m.Token) > 0).ToList();
        var notDelivered = record.Messages.Count - reached.Count;
        var lost = reached.Where(m => Count(answers, m.Token) == 0).ToList();
        var doubled = record.Messages.Where(m => Count(answers, m.Token) > 1).ToList();
        var misrouted = record.Messages.Where(m => answers.TryGetValue(m.Token, out var where) && where.Any(c => c != m.ConversationId)).ToList();

        var cardsByToken = record.Cards.SelectMany(c => Tokens(c.AllText).Select(t => (Token: t, Card: c))).GroupBy(x => x.Token).ToDictionary(g => g.Key, g => g.Count());
        var orphanCards = record.Cards.Where(c => Tokens(c.AllText).Count == 0).ToList();
        var twoCards = cardsByToken.Where(kv => kv.Value > 1).Select(kv => kv.Key).ToList();
        var spinning = record.Cards.Where(c => c.Spinning || c.State is not ("FINISHED" or "FAILED")).ToList();

        var shown = record.Emotions.Where(e => e.Action == "reply" && e.OpenMsgId is not null).Select(e => e.OpenMsgId!).ToHashSet(StringComparer.Ordinal);
        var recalled = record.Emotions.Where(e => e.Action == "recall" && e.OpenMsgId is not null).Select(e => e.OpenMsgId!).ToHashSet(StringComparer.Ordinal);
        var unrecalled = shown.Except(recalled).ToList();

        var stray = record.BotMessages.Where(b => !b.Recalled && !IsCompleteForSomeToken(b.Text)).ToList();

        List<InvariantResult> invariants =
        [
            Result("every message reached the gateway (harness: DingTalk delivered every push)", notDelivered == 0,
                $"{notDelivered} pushes never taken by a connection", record.Messages.Where(m => !ReachedGateway(record, m)).Select(m => m.Token)),
            Result("0 lost: every message that reached the gateway was answered", lost.Count == 0, $"{lost.Count} unanswered", lost.Select(Describe)),
            Result("0 duplicated: no message answered twice", doubled.Count == 0, $"{doubled.Count} answered more than once",
                doubled.Select(m => $"{Describe(m)} ×{Count(answers, m.Token)}")),
            Result("answers land in the message's conversation", misrouted.Count == 0, $"{misrouted.Count} answered elsewhere", misrouted.Select(Describe)),
            Result("one card per message", twoCards.Count == 0 && orphanCards.Count == 0,
                $"{twoCards.Count} messages with two or more cards, {orphanCards.Count} cards naming no message",
                twoCards.Select(t => $"{t} ×{cardsByToken[t]}").Concat(orphanCards.Select(c => $"{c.OutTrackId} ({c.State}) {Trim(c.FinalText)}"))),
            Result("every card finalized (FINISHED or FAILED, not spinning)", spinning.Count == 0, $"{spinning.Count} of {record.Cards.Count} cards still spinning",
                spinning.Select(c => $"{c.OutTrackId} {c.State} {string.Join(',', Tokens(c.AllText))}")),
            Result("every thinking reaction shown is recalled", unrecalled.Count == 0, $"{shown.Count} shown, {shown.Count - unrecalled.Count} recalled",
                unrecalled.Select(id => record.Messages.FirstOrDefault(m => m.MsgId == id) is { } m ? Describe(m) : id)),
            Result("no partial or stray bot messages", stray.Count == 0, $"{stray.Count} bot messages that are not a complete answer",
                stray.Select(b => $"{b.ConversationId} {b.Via}: {Trim(b.Text)}")),
            Outbox(record.Outbox, answers),
        ];

        return new ChaosVerdict
        {
            Messages = record.Messages.Count, NotDeliveredByDingTalk = notDelivered,
            Answered = record.Messages.Count(m => Count(answers, m.Token) > 0), Lost = lost.Count, Duplicated = doubled.Count,
            Cards = record.Cards.Count, SpinningCards = spinning.Count, ExtraCards = orphanCards.Count + cardsByToken.Sum(kv => Math.Max(0, kv.Value - 1)),
            ReactionsShown = shown.Count, ReactionsRecalled = shown.Count - unrecalled.Count, StrayMessages = stray.Count,
            Invariants = invariants,
        };
    }

    // token → conversation of every complete answer (bot messages and finished cards).
    private static Dictionary<string, List<string?>> CompleteAnswers(ChaosRecord record)
    {
        var answers = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        void Add(string text, string? conversation)
        {
            foreach (var token in Tokens(text).Where(t => text.Contains(ChaosAnswer.EndMarker(t), StringComparison.Ordinal)))
            {
                (answers.TryGetValue(token, out var list) ? list : answers[token] = []).Add(conversation);
            }
        }

        foreach (var message in record.BotMessages.Where(b => !b.Recalled))
        {
            Add(message.Text, message.ConversationId);
        }

        foreach (var card in record.Cards.Where(c => c.State == "FINISHED"))
        {
            Add(card.FinalText, card.ConversationId);
        }

        return answers;
    }

    // Taken by a connection at injection, or later by a redelivery the emulator still lists. Its push list keeps the
    // last 5,000 pushes, so in the long form an early push sent while no connection was up is gone from it by the end;
    // an answer naming the message's token proves the push reached the gateway (nothing else carries the token).
    private static bool ReachedGateway(ChaosRecord record, InjectedMessage message) =>
        message.Delivered || (message.PushId is not null && record.Pushes.TryGetValue(message.PushId, out var push) && push.Attempts > 0);

    private static bool IsCompleteForSomeToken(string text) => Tokens(text).Any(t => text.Contains(ChaosAnswer.EndMarker(t), StringComparison.Ordinal));

    private static int Count(Dictionary<string, List<string?>> answers, string token) => answers.TryGetValue(token, out var list) ? list.Count : 0;

    private static IReadOnlyList<string> Tokens(string text) => ChaosAnswer.TokenPattern().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();

    private static string Describe(InjectedMessage m) => $"{m.Token} ({(m.ClientId == ChaosApps.CardClientId ? "card" : "markdown")}, {(m.Group ? "group" : "dm")} {m.UserId})";

    private static string Trim(string text) => text.Length > 120 ? text[..120] + "…" : text;

    private static InvariantResult Result(string name, bool holds, string detail, IEnumerable<string> examples)
    {
        var list = examples.Take(Examples).ToList();
        return new InvariantResult(name, holds ? InvariantStatus.Holds : InvariantStatus.Fails,
            holds || list.Count == 0 ? detail : detail + "; e.g. " + string.Join("; ", list));
    }

    // Delivered, or held as ambiguous for the operator while DingTalk shows the answer it carries (the process died with
    // the call in flight and the call had landed: holding, not re-sending, is what keeps it from being doubled). A held
    // entry whose answer DingTalk does not show is a loss waiting on the operator: it fails.
    private static InvariantResult Outbox(OutboxProbeResult outbox, Dictionary<string, List<string?>> answers)
    {
        const string Name = "every outbox entry delivered (or held ambiguous with its answer shown)";
        if (!outbox.Available)
        {
            return new InvariantResult(Name, InvariantStatus.NotChecked, outbox.Detail);
        }

        var unseen = outbox.Held.Where(h => Tokens(h.Text) is var t && (t.Count == 0 || t.Any(token => Count(answers, token) == 0))).ToList();
        var detail = $"{outbox.Entries} entries, {outbox.Undelivered} not delivered, {outbox.Held.Count} held ambiguous ({unseen.Count} of them not shown); " +
            (unseen.Count == 0 ? outbox.Detail : "e.g. " + string.Join("; ", unseen.Take(Examples).Select(h => $"{h.Account}: {h.Id} {Trim(h.Text)}")));
        return new InvariantResult(Name, outbox.Undelivered == 0 && unseen.Count == 0 ? InvariantStatus.Holds : InvariantStatus.Fails, detail);
    }
}
