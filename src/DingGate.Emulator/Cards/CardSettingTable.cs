using System.Text.Json.Nodes;

using DingGate.Emulator.Control;
using S = DingGate.Emulator.Control.Setting<DingGate.Emulator.Cards.CardSwitches>;

namespace DingGate.Emulator.Cards;

/// <summary>The settable <see cref="CardSwitches"/>: name, expected type, reader, validator, writer.</summary>
internal static class CardSettingTable
{
    public static readonly IReadOnlyList<Setting<CardSwitches>> All =
    [
        S.Boolean("rejectEmptyStreamingContent", s => s.RejectEmptyStreamingContent, (s, v) => s.RejectEmptyStreamingContent = v),
        S.Boolean("rejectUpdatesAfterFinalize", s => s.RejectUpdatesAfterFinalize, (s, v) => s.RejectUpdatesAfterFinalize = v),
        S.Boolean("rejectUnknownStreamingKey", s => s.RejectUnknownStreamingKey, (s, v) => s.RejectUnknownStreamingKey = v),
        S.Boolean("requireSpaceModels", s => s.RequireSpaceModels, (s, v) => s.RequireSpaceModels = v),
        S.Boolean("streamingSizeLimitEnabled", s => s.StreamingSizeLimitEnabled, (s, v) => s.StreamingSizeLimitEnabled = v),
        S.Integer("streamingMaxBytesPerCall", 1, s => s.StreamingMaxBytesPerCall, (s, v) => s.StreamingMaxBytesPerCall = v),
        S.Integer("streamingMaxBytesTotal", 1, s => s.StreamingMaxBytesTotal, (s, v) => s.StreamingMaxBytesTotal = v),
        S.Boolean("streamingRateLimitEnabled", s => s.StreamingRateLimitEnabled, (s, v) => s.StreamingRateLimitEnabled = v),
        S.Integer("streamingRateLimitPerSecond", 1, s => s.StreamingRateLimitPerSecond, (s, v) => s.StreamingRateLimitPerSecond = v),
        new S("streamingRateLimitStatus", "403 or 429", s => s.StreamingRateLimitStatus,
            v => v is JsonValue j && j.TryGetValue<int>(out var n) && n is 403 or 429,
            (s, v) => s.StreamingRateLimitStatus = v!.GetValue<int>()),
    ];

    public static JsonObject Snapshot(CardSwitches switches) => SettingsPatch.Snapshot(All, switches);
}
