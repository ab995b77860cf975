using System.Text.Json.Nodes;

namespace DingGate.Emulator.Cards;

/// <summary>
/// One change applied to a card, in order, so tests and the control page can replay how it streamed.
/// <see cref="Source"/>: <c>create</c>, <c>streaming</c>, <c>instances</c> (PUT /v1.0/card/instances) or <c>callback</c>.
/// For streaming, <see cref="Key"/>/<see cref="Content"/> are the call's; otherwise <see cref="Data"/> holds what was sent.
/// <see cref="Duplicate"/> marks a streaming call whose guid was already applied (answered success, not applied again).
/// <see cref="State"/> is the card's displayed state right after the change.
/// </summary>
internal sealed record CardUpdate(
    long Sequence,
    DateTimeOffset At,
    string Source,
    string? Guid = null,
    string? Key = null,
    string? Content = null,
    bool IsFull = false,
    bool IsFinalize = false,
    bool IsError = false,
    bool Duplicate = false,
    JsonNode? Data = null,
    CardState? State = null);
