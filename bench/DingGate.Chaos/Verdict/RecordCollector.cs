using System.Text.Json.Nodes;
using DingGate.Chaos.Rig;
using DingGate.Chaos.Run;

namespace DingGate.Chaos.Verdict;

/// <summary>Reads the emulator's record through the control API: conversations, cards, reactions, push states.</summary>
internal static class RecordCollector
{
    public static async Task<ChaosRecord> CollectAsync(EmulatorControl emulator, IReadOnlyList<InjectedMessage> messages, OutboxProbeResult outbox, CancellationToken ct)
    {
        List<BotMessage> bot = [];
        List<EmotionCall> emotions = [];
        List<ShownEntry> shown = [];
        foreach (var conversation in await emulator.ConversationsAsync(ct))
        {
            var id = conversation?["conversationId"]?.GetValue<string>();
            if (id is null)
            {
                continue;
            }

            foreach (var entry in (await emulator.ConversationAsync(id, ct)).OfType<JsonObject>().Where(e => e["fromBot"]?.GetValue<bool>() == true))
            {
                var kind = entry["kind"]?.GetValue<string>() ?? string.Empty;
                if (kind != "emotion")
                {
                    shown.Add(new ShownEntry(id, entry["sequence"]?.GetValue<long>() ?? 0, entry["at"]?.GetValue<DateTimeOffset>() ?? default, kind,
                        entry["content"]?.ToJsonString() ?? string.Empty, entry["outTrackId"]?.GetValue<string>(), entry["recalled"]?.GetValue<bool>() == true));
                }

                if (kind == "emotion")
                {
                    emotions.Add(new EmotionCall(entry["content"]?["action"]?.GetValue<string>() ?? string.Empty, entry["content"]?["openMsgId"]?.GetValue<string>()));
                }
                else if (kind != "card")
                {
                    bot.Add(new BotMessage(id, kind, entry["via"]?.GetValue<string>() ?? string.Empty, entry["content"]?.ToJsonString() ?? string.Empty,
                        entry["recalled"]?.GetValue<bool>() == true));
                }
            }
        }

        List<CardView> cards = [];
        foreach (var listed in (await emulator.CardsAsync(ct)).OfType<JsonObject>())
        {
            var outTrackId = listed["outTrackId"]!.GetValue<string>();
            var card = await emulator.CardAsync(outTrackId, ct) as JsonObject ?? listed;
            var final = string.Join('\n', new[] { "streamingContent", "publicData", "privateData" }.Select(k => card[k]?.ToJsonString() ?? string.Empty));
            cards.Add(new CardView(outTrackId, card["spaces"]?.AsArray().Select(s => s?["conversationId"]?.GetValue<string>()).FirstOrDefault(c => c is not null),
                card["state"]?.GetValue<string>() ?? "?", card["spinning"]?.GetValue<bool>() == true, final, card.ToJsonString()));
        }

        var pushes = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        foreach (var push in (await emulator.PushesAsync(ct)).OfType<JsonObject>())
        {
            if (push["messageId"]?.GetValue<string>() is { } id)
            {
                pushes[id] = (push["state"]?.GetValue<string>() ?? "?", push["attempts"]?.GetValue<int>() ?? 0);
            }
        }

        return new ChaosRecord(messages, bot, cards, emotions, pushes, outbox, shown);
    }
}
