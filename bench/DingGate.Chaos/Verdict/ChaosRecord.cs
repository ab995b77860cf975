using DingGate.Chaos.Run;

namespace DingGate.Chaos.Verdict;

/// <summary>
/// Everything the verdict is judged from: what was injected, and what the emulator recorded on the wire.
/// <see cref="Shown"/>: every conversation's bot entries (messages and cards) in the order they appeared, when read.
/// </summary>
internal sealed record ChaosRecord(
    IReadOnlyList<InjectedMessage> Messages,
    IReadOnlyList<BotMessage> BotMessages,
    IReadOnlyList<CardView> Cards,
    IReadOnlyList<EmotionCall> Emotions,
    IReadOnlyDictionary<string, (string State, int Attempts)> Pushes,
    OutboxProbeResult Outbox,
    IReadOnlyList<ShownEntry>? Shown = null);
