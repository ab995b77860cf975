using DingGate.Chaos.Replicas;
using DingGate.Chaos.Rig;
using DingGate.Chaos.Run;
using DingGate.Chaos.Tests.Verdict;
using DingGate.Chaos.Verdict;

namespace DingGate.Chaos.Tests.Replicas;

// Hand-built evidence of a replicas run: users with several DMs each (one conversation per user), answers in some
// order, the model's requests with the history each carried, HTTP statuses and the takeover watch.
internal sealed class ReplicaRecordBuilder
{
    private readonly List<InjectedMessage> _messages = [];
    private readonly List<BotMessage> _bot = [];
    private readonly List<CardView> _cards = [];
    private readonly List<ModelRequest> _requests = [];
    private readonly Dictionary<string, long> _statuses = new(StringComparer.Ordinal) { ["200"] = 10 };
    private readonly List<ShownEntry> _shown = [];
    private readonly Dictionary<string, (string, int)> _pushes = new(StringComparer.Ordinal);
    private HeldMessages? _held;
    private bool _timeline;

    /// <summary>The record carries each conversation's timeline (bot messages and cards in the order they were shown), as the collector reads it.</summary>
    public ReplicaRecordBuilder WithTimeline()
    {
        _timeline = true;
        return this;
    }

    public static string Token(int index) => ChaosAnswer.Token(index);

    /// <summary>The user asks message <paramref name="index"/> in their DM on the markdown app (user "u1" … conversation "dm-u1").</summary>
    public ReplicaRecordBuilder Asks(string user, int index, bool card = false)
    {
        _messages.Add(new InjectedMessage(Token(index), card ? ChaosApps.CardClientId : ChaosApps.MarkdownClientId, user, "dm-" + user, false, "msg" + index, "push" + index, true));
        return this;
    }

    /// <summary>A complete answer to message <paramref name="index"/> shown in the user's DM (markdown, or a FINISHED card).</summary>
    public ReplicaRecordBuilder Answered(string user, int index, bool card = false)
    {
        var text = RecordBuilder.Answer(index);
        if (card)
        {
            var outTrackId = "card_" + _cards.Count;
            _cards.Add(new CardView(outTrackId, "dm-" + user, "FINISHED", false, "{\"msgContent\":\"" + text + "\"}", text));
            _shown.Add(new ShownEntry("dm-" + user, _shown.Count + 1, DateTimeOffset.UnixEpoch.AddSeconds(_shown.Count), "card", "{}", outTrackId, false));
        }
        else
        {
            _bot.Add(new BotMessage("dm-" + user, "markdown", "sessionWebhook", "{\"text\":\"" + text + "\"}", false));
            _shown.Add(new ShownEntry("dm-" + user, _shown.Count + 1, DateTimeOffset.UnixEpoch.AddSeconds(_shown.Count), "markdown", "{\"text\":\"" + text + "\"}", null, false));
        }

        return this;
    }

    /// <summary>The model was asked message <paramref name="index"/> with these earlier user turns.</summary>
    public ReplicaRecordBuilder ModelSaw(int index, params int[] history)
    {
        _requests.Add(new ModelRequest(Token(index), history.Select(Token).ToList()));
        return this;
    }

    /// <summary>Asked, answered, and the model saw every earlier message of the user: a correct turn.</summary>
    public ReplicaRecordBuilder Turn(string user, int index, params int[] history) => Asks(user, index).Answered(user, index).ModelSaw(index, history);

    /// <summary>DingTalk pushed message <paramref name="index"/> twice (the first connection died with it un-ACKed).</summary>
    public ReplicaRecordBuilder Redelivered(int index)
    {
        _pushes["push" + index] = ("acked", 2);
        return this;
    }

    public ReplicaRecordBuilder Status(int status, long count)
    {
        _statuses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = count;
        return this;
    }

    public ReplicaRecordBuilder Held(IReadOnlyList<int> held, IReadOnlyDictionary<int, double> answeredAfterSeconds)
    {
        _held = new HeldMessages(held.Select(Token).ToList(),
            answeredAfterSeconds.ToDictionary(kv => Token(kv.Key), kv => TimeSpan.FromSeconds(kv.Value)), TimeSpan.FromMinutes(2));
        return this;
    }

    public ReplicaVerdict Check() => ReplicaInvariantChecker.Check(new ReplicaEvidence(
        new ChaosRecord(_messages, _bot, _cards, [], _pushes, OutboxProbeResult.Missing("not read"), _timeline ? _shown : null),
        _requests, _statuses, _held));
}
