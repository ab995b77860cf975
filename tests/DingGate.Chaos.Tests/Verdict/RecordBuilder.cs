using DingGate.Chaos.Rig;
using DingGate.Chaos.Run;
using DingGate.Chaos.Verdict;

namespace DingGate.Chaos.Tests.Verdict;

// Builds emulator records by hand, as the collector would read them, to show what each invariant catches.
internal sealed class RecordBuilder
{
    private readonly List<InjectedMessage> _messages = [];
    private readonly List<BotMessage> _bot = [];
    private readonly List<CardView> _cards = [];
    private readonly List<EmotionCall> _emotions = [];
    private readonly Dictionary<string, (string, int)> _pushes = new(StringComparer.Ordinal);
    private OutboxProbeResult _outbox = new(true, 0, 0, "empty");

    public static string Answer(int index) => string.Concat(ChaosAnswer.Deltas(ChaosAnswer.Token(index)));

    public static string Partial(int index) => string.Concat(ChaosAnswer.Deltas(ChaosAnswer.Token(index)).Take(2));

    public RecordBuilder Markdown(int index, bool answered = true)
    {
        var token = ChaosAnswer.Token(index);
        _messages.Add(new InjectedMessage(token, ChaosApps.MarkdownClientId, "chaos0001", "cidDm" + index, false, "msg" + index, "push" + index, true));
        _emotions.Add(new EmotionCall("reply", "msg" + index));
        if (answered)
        {
            BotSays(index, Answer(index));
            _emotions.Add(new EmotionCall("recall", "msg" + index));
        }

        return this;
    }

    public RecordBuilder Card(int index, string state = "FINISHED", bool spinning = false)
    {
        var token = ChaosAnswer.Token(index);
        _messages.Add(new InjectedMessage(token, ChaosApps.CardClientId, "chaos0002", "cidDm" + index, false, "msg" + index, "push" + index, true));
        return CardShows(index, Answer(index), state, spinning);
    }

    public RecordBuilder CardShows(int index, string text, string state = "FINISHED", bool spinning = false)
    {
        _cards.Add(new CardView("card_" + _cards.Count, "cidDm" + index, state, spinning, "{\"msgContent\":\"" + text + "\"}", "{\"history\":\"" + text + "\"}"));
        return this;
    }

    public RecordBuilder BotSays(int index, string text, string? conversation = null, bool recalled = false)
    {
        _bot.Add(new BotMessage(conversation ?? "cidDm" + index, "markdown", "sessionWebhook", "{\"text\":\"" + text + "\"}", recalled));
        return this;
    }

    public RecordBuilder NeverDelivered(int index)
    {
        var token = ChaosAnswer.Token(index);
        _messages.Add(new InjectedMessage(token, ChaosApps.MarkdownClientId, "chaos0001", "cidDm" + index, false, "msg" + index, "push" + index, false));
        _pushes["push" + index] = ("dropped", 0);
        return this;
    }

    public RecordBuilder Outbox(OutboxProbeResult outbox)
    {
        _outbox = outbox;
        return this;
    }

    public ChaosVerdict Check() => InvariantChecker.Check(new ChaosRecord(_messages, _bot, _cards, _emotions, _pushes, _outbox));
}
