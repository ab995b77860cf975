using System.Text.Json.Nodes;

namespace DingGate.Emulator.Cards;

/// <summary>The settable <see cref="CardSwitches"/>: name, expected type, reader, validator, writer.</summary>
internal static class CardSettingTable
{
    public static readonly IReadOnlyList<Setting> All =
    [
        Boolean("rejectEmptyStreamingContent", s => s.RejectEmptyStreamingContent, (s, v) => s.RejectEmptyStreamingContent = v),
        Boolean("rejectUpdatesAfterFinalize", s => s.RejectUpdatesAfterFinalize, (s, v) => s.RejectUpdatesAfterFinalize = v),
        Boolean("rejectUnknownStreamingKey", s => s.RejectUnknownStreamingKey, (s, v) => s.RejectUnknownStreamingKey = v),
        Boolean("requireSpaceModels", s => s.RequireSpaceModels, (s, v) => s.RequireSpaceModels = v),
        Boolean("streamingSizeLimitEnabled", s => s.StreamingSizeLimitEnabled, (s, v) => s.StreamingSizeLimitEnabled = v),
        Integer("streamingMaxBytesPerCall", 1, s => s.StreamingMaxBytesPerCall, (s, v) => s.StreamingMaxBytesPerCall = v),
        Integer("streamingMaxBytesTotal", 1, s => s.StreamingMaxBytesTotal, (s, v) => s.StreamingMaxBytesTotal = v),
        Boolean("streamingRateLimitEnabled", s => s.StreamingRateLimitEnabled, (s, v) => s.StreamingRateLimitEnabled = v),
        Integer("streamingRateLimitPerSecond", 1, s => s.StreamingRateLimitPerSecond, (s, v) => s.StreamingRateLimitPerSecond = v),
        new("streamingRateLimitStatus", "403 or 429", s => s.StreamingRateLimitStatus,
            v => v is JsonValue j && j.TryGetValue<int>(out var n) && n is 403 or 429,
            (s, v) => s.StreamingRateLimitStatus = v!.GetValue<int>()),
    ];

    public static JsonObject Snapshot(CardSwitches switches)
    {
        var snapshot = new JsonObject();
        foreach (var setting in All)
        {
            snapshot[setting.Name] = setting.Read(switches);
        }

        return snapshot;
    }

    private static Setting Boolean(string name, Func<CardSwitches, bool> get, Action<CardSwitches, bool> set) =>
        new(name, "true or false", s => get(s), v => v is JsonValue j && j.TryGetValue<bool>(out _), (s, v) => set(s, v!.GetValue<bool>()));

    private static Setting Integer(string name, int min, Func<CardSwitches, int> get, Action<CardSwitches, int> set) =>
        new(name, $"an integer >= {min}", s => get(s), v => v is JsonValue j && j.TryGetValue<int>(out var n) && n >= min, (s, v) => set(s, v!.GetValue<int>()));

    /// <summary>One settable card switch.</summary>
    internal sealed record Setting(
        string Name, string Expected, Func<CardSwitches, JsonNode?> Read, Func<JsonNode?, bool> IsValid, Action<CardSwitches, JsonNode?> Write);
}
